import { describe, expect, it } from "vitest";
import { presentedUiSchema, stepOf } from "~/forms/presentation";
import { toFormDefinition } from "~/studio/designer";

const { schema, uiSchema } = toFormDefinition({
  title: "测试",
  steps: ["基本信息", "从业人员"],
  fields: [
    { key: "name", kind: "text", label: "姓名", step: 0 },
    { key: "hasEmployees", kind: "yesNo", label: "是否雇用从业人员", step: 1 },
    { key: "employees", kind: "table", label: "从业人员", step: 1, columns: [{ key: "n", kind: "text", label: "姓名" }], visibleWhen: { field: "hasEmployees", equals: true } },
  ],
});
const hidden = (ui: Record<string, unknown>) => Object.keys(ui).filter((k) => (ui[k] as { "ui:field"?: string } | undefined)?.["ui:field"] === "hidden");

describe("what the citizen's form shows", () => {
  it("shows one step at a time and a conditional field only when its condition holds", () => {
    expect(hidden(presentedUiSchema(schema, uiSchema, {}, 0))).toEqual(["hasEmployees", "employees"]);
    expect(hidden(presentedUiSchema(schema, uiSchema, {}, 1))).toEqual(["name", "employees"]);
    expect(hidden(presentedUiSchema(schema, uiSchema, { hasEmployees: false }, 1))).toEqual(["name", "employees"]);
    expect(hidden(presentedUiSchema(schema, uiSchema, { hasEmployees: true }, 1))).toEqual(["name"]);
    expect(stepOf(uiSchema, "employees")).toBe(1);
  });

  it("leaves a single-page form without conditions as it is", () => {
    const plain = { "ui:order": ["a"], a: { "ui:widget": "textarea" } };
    expect(presentedUiSchema({ properties: { a: {} } }, plain, {}, 0)).toEqual(plain);
  });
});
