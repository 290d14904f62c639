import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { printableFormRows } from "~/forms/printable-form";

const seed = JSON.parse(readFileSync("seeds/items/01-enterprise-opening.json", "utf8"));
const { schema, uiSchema } = seed.version.form;

describe("printable forms (表格下载 and 样表)", () => {
  it("lays out every field in the form's order, nested groups as headings and lists as tables", () => {
    const rows = printableFormRows(schema, uiSchema, false);
    const labels = rows.map((r) => r.label.trim());
    expect(labels.slice(0, 3)).toEqual(["企业名称", "企业类型", "注册资本（万元）"]);
    expect(rows.find((r) => r.label === "法定代表人")?.heading).toBe(true);
    expect(labels).toContain("公民身份号码");
    const shareholders = rows.find((r) => r.label === "股东（出资人）")!;
    expect(shareholders.table?.columns).toContain("认缴出资额（万元）");
    expect(shareholders.table?.rows).toHaveLength(3);
    const seals = rows.find((r) => r.label === "刻制印章种类")!;
    expect(seals.options.map((o) => o.text)).toContain("企业公章");
    expect(rows.find((r) => r.label === "经营范围")?.tall).toBe(true);
    expect(rows.find((r) => r.label === "企业名称")?.required).toBe(true);
  });

  it("leaves the blank form empty and fills the sample with examples", () => {
    const blank = printableFormRows(schema, uiSchema, false);
    expect(blank.every((r) => r.value === "" && r.options.every((o) => !o.ticked))).toBe(true);
    const sample = printableFormRows(schema, uiSchema, true);
    expect(sample.find((r) => r.label === "企业名称")?.value).toBe("紫阳县××有限公司");
    expect(sample.find((r) => r.label.trim() === "公民身份号码")?.value).toMatch(/^\d{17}[\dX]$/);
    expect(sample.find((r) => r.label === "企业类型")?.options[0].ticked).toBe(true);
    expect(sample.find((r) => r.label === "股东（出资人）")?.table?.rows[0].some((v) => v !== "")).toBe(true);
  });
});
