import ExcelJS from "exceljs";
import { Op } from "sequelize";
import { beforeAll, describe, expect, it } from "vitest";
import { ItemVersion, ServiceItem } from "~/catalog/models.server";
import { exportCatalog, importWorkbook, parseWorkbook, WorkbookImportError, type ImportReport } from "~/catalog/workbook.server";
import { startSession, type CurrentUser } from "~/identity/session.server";
import { Department } from "~/org/models.server";
import { action, loader } from "~/routes/center/catalog";
import { versionDocument } from "~/studio/drafts.server";
import { ItemAudit } from "~/studio/models.server";
import { freshDatabase, userNamed } from "../support/db";

let center: CurrentUser;
let scjg: Department;

beforeAll(async () => {
  await freshDatabase();
  center = await userNamed("center");
  scjg = (await Department.findOne({ where: { code: "scjg" } }))!;
});

let seq = 0;
/** A department with no items, so an exported item list imports into it as new items. */
async function freshDepartment(): Promise<Department> {
  seq += 1;
  return Department.create({ code: `import_test_${seq}`, name: `导入测试局${seq}`, abbreviation: `导入${seq}`, creditCode: `11610924MB1234567${seq}`, orgUnitId: scjg.orgUnitId });
}

/** Edits a workbook: `edit(sheet, columnNumberOf)` on the loaded workbook, then writes it back. */
async function editWorkbook(bytes: Uint8Array, edit: (wb: ExcelJS.Workbook, col: (sheet: string, header: string) => number) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const col = (sheet: string, header: string) => {
    let found = 0;
    wb.getWorksheet(sheet)!.getRow(1).eachCell((cell, i) => {
      if (cell.value === header) found = i;
    });
    if (!found) throw new Error(`no column ${header}`);
    return found;
  };
  edit(wb, col);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const clearImplementationCodes = (bytes: Uint8Array) =>
  editWorkbook(bytes, (wb, col) => {
    const sheet = wb.getWorksheet("事项")!;
    for (let r = 2; r <= sheet.rowCount; r++) sheet.getRow(r).getCell(col("事项", "实施编码")).value = null;
  });

const counts = async () => ({ items: await ServiceItem.count(), versions: await ItemVersion.count(), audits: await ItemAudit.count() });

describe("catalog workbook", () => {
  it("exports a department's catalog and re-imports it into another department with every element intact", async () => {
    const exported = await exportCatalog("scjg");
    const originals = await ServiceItem.findAll({ where: { departmentId: scjg.id }, order: [["id", "ASC"]] });
    expect(originals.length).toBeGreaterThan(1);
    const parsed = await parseWorkbook(exported);
    expect(parsed.errors).toEqual([]);
    expect(parsed.items.map((i) => i.guide.name)).toEqual(originals.map((o) => o.name));

    const target = await freshDepartment();
    const report = await importWorkbook(center, target.code, await clearImplementationCodes(exported));
    expect(report.errors).toEqual([]);
    expect(report.created).toHaveLength(originals.length);

    for (const original of originals) {
      const before = await versionDocument(original.publishedVersionId!);
      const copy = await ServiceItem.findOne({ where: { departmentId: target.id, baseCode: original.baseCode } });
      const after = await versionDocument(copy!.publishedVersionId!);
      expect(after.item).toEqual({ ...before.item, implementationCode: `${target.creditCode}${before.item.level}${before.item.baseCode}` });
      expect(after.materials).toEqual(before.materials);
      expect([after.workflow.legalDays, after.workflow.promisedDays]).toEqual([before.workflow.legalDays, before.workflow.promisedDays]);
      expect(after.workflow).toMatchObject({ leadDepartment: target.code, coDepartments: [] });
      expect(Object.keys(after.form.schema.properties ?? {})).toEqual(["applicantName"]);
      const audit = await ItemAudit.findAll({ where: { itemId: copy!.id } });
      expect(audit.map((a) => [a.action, a.actorId])).toEqual([["imported", center.id]]);
    }

    // The same workbook again (into its own department): nothing changed, nothing written.
    const before = await counts();
    const again = await importWorkbook(center, "scjg", exported);
    expect(again).toMatchObject({ errors: [], created: [], updated: [] });
    expect(again.unchanged).toHaveLength(originals.length);
    expect(await counts()).toEqual(before);

    // A changed promised time limit publishes a new version of just that item, keeping its form and co-departments.
    const edited = await editWorkbook(exported, (wb, col) => {
      wb.getWorksheet("事项")!.getRow(2).getCell(col("事项", "办理地点")).value = "紫阳县政务服务中心二楼市场监管综合窗口";
    });
    const updated = await importWorkbook(center, "scjg", edited);
    expect(updated.updated).toEqual([originals[0].name]);
    const republished = await ServiceItem.findByPk(originals[0].id);
    const doc = await versionDocument(republished!.publishedVersionId!);
    const old = await versionDocument(originals[0].publishedVersionId!);
    expect(doc.item.location).toBe("紫阳县政务服务中心二楼市场监管综合窗口");
    expect(doc.form).toEqual(old.form);
    expect(doc.workflow).toEqual(old.workflow);

    // The whole catalog exports in the same layout.
    const all = await parseWorkbook(await exportCatalog());
    expect(all.items.length).toBe(await ServiceItem.count({ where: { publishedVersionId: { [Op.ne]: null } } }));
  });

  it("imports nothing when two rows are wrong, and reports both with the sheet, row and column in Chinese", async () => {
    const exported = await clearImplementationCodes(await exportCatalog("scjg"));
    const bad = await editWorkbook(exported, (wb, col) => {
      const items = wb.getWorksheet("事项")!;
      items.getRow(2).getCell(col("事项", "事项类型")).value = "行政审批";
      const phone = items.getRow(3).getCell(col("事项", "咨询电话")).value;
      items.getRow(3).getCell(col("事项", "监督投诉电话")).value = phone;
      wb.getWorksheet("材料")!.getRow(2).getCell(col("材料", "纸质份数")).value = "两份";
    });
    const target = await freshDepartment();
    const before = await counts();
    const report: ImportReport = await importWorkbook(center, target.code, bad);
    expect(await counts()).toEqual(before);
    expect(report.created).toEqual([]);
    expect(report.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: "事项", row: 2, column: "事项类型", message: expect.stringContaining("行政许可") }),
        expect.objectContaining({ sheet: "事项", row: 3, column: "监督投诉电话", message: "监督投诉电话不能与咨询电话相同" }),
        expect.objectContaining({ sheet: "材料", row: 2, column: "纸质份数", message: expect.stringContaining("整数") }),
      ]),
    );
    expect(new Set(report.errors.filter((e) => e.sheet === "事项").map((e) => e.row))).toEqual(new Set([2, 3]));
  });

  it("refuses a file that is not an .xlsx workbook, or another department's codes, with a Chinese message", async () => {
    const refused = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof WorkbookImportError ? e.message : Promise.reject(e)));
    expect(await refused(importWorkbook(center, "scjg", new TextEncoder().encode("事项名称,基本编码\n")))).toMatch(/不是 Excel 工作簿/);
    expect(await refused(importWorkbook(center, "scjg", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4])))).toMatch(/无法读取/);
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet("Sheet1").addRow(["x"]);
    expect(await refused(importWorkbook(center, "scjg", new Uint8Array(await empty.xlsx.writeBuffer())))).toMatch(/没有“事项”工作表/);

    const other = await importWorkbook(center, (await freshDepartment()).code, await exportCatalog("scjg"));
    expect(other.errors[0]).toMatchObject({ sheet: "事项", row: 2, column: "实施编码", message: expect.stringContaining("与所选部门不符") });
  });

  it("lets only the center import", async () => {
    const bytes = await exportCatalog("scjg");
    for (const name of ["scjg_admin", "reviewer_scjg", "13912345678"]) {
      const user = await userNamed(name);
      await expect(importWorkbook(user, "scjg", bytes)).rejects.toThrow("只有政务服务中心可以导入事项");
      const cookie = (await startSession(user.id, "vitest")).split(";")[0];
      const body = new FormData();
      body.set("department", "scjg");
      body.set("workbook", new File([new Uint8Array(bytes)], "catalog.xlsx"));
      const response = await Promise.resolve(action({ request: new Request("http://hall.test/center/catalog", { method: "POST", body, headers: { Cookie: cookie } }), params: {}, context: {} })).catch((e: unknown) => e);
      expect(response).toBeInstanceOf(Response);
      expect((response as Response).status).toBe(403);
    }
    const cookie = (await startSession(center.id, "vitest")).split(";")[0];
    const body = new FormData();
    body.set("department", "scjg");
    body.set("workbook", new File([new TextEncoder().encode("not a workbook")], "catalog.xlsx"));
    const response = await action({ request: new Request("http://hall.test/center/catalog", { method: "POST", body, headers: { Cookie: cookie } }), params: {}, context: {} });
    expect((response as unknown as { data: { error: string } }).data.error).toMatch(/不是 Excel 工作簿/);

    // A good upload starts a job; the page polls it until the report is there.
    const good = new FormData();
    good.set("department", "scjg");
    good.set("workbook", new File([new Uint8Array(bytes)], "catalog.xlsx"));
    const started = (await action({ request: new Request("http://hall.test/center/catalog", { method: "POST", body: good, headers: { Cookie: cookie } }), params: {}, context: {} })) as unknown as Response;
    expect(started.status).toBe(302);
    const url = new URL(started.headers.get("Location")!, "http://hall.test");
    let page: Awaited<ReturnType<typeof loader>>;
    do {
      await new Promise((r) => setTimeout(r, 50));
      page = await loader({ request: new Request(url, { headers: { Cookie: cookie } }), params: {}, context: {} });
    } while (page.job?.state === "running");
    expect(page.job).toMatchObject({ state: "done", report: { errors: [], total: 3, checked: 3 } });
    const stranger = (await startSession((await userNamed("scjg_admin")).id, "vitest")).split(";")[0];
    await expect(loader({ request: new Request(url, { headers: { Cookie: stranger } }), params: {}, context: {} })).rejects.toMatchObject({ status: 403 });
  });

  it("publishes each item once when the same workbook is imported twice at the same time", async () => {
    const bytes = await clearImplementationCodes(await exportCatalog("scjg"));
    const target = await freshDepartment();
    const progress: number[] = [];
    const [a, b] = await Promise.all([importWorkbook(center, target.code, bytes, (p) => progress.push(p.checked)), importWorkbook(center, target.code, bytes)]);
    expect([a.errors, b.errors]).toEqual([[], []]);
    const items = await ServiceItem.findAll({ where: { departmentId: target.id } });
    expect(items).toHaveLength(a.created.length + a.unchanged.length);
    expect([a.created.length, b.created.length].sort()).toEqual([0, items.length]);
    expect([a.unchanged.length, b.unchanged.length].sort()).toEqual([0, items.length]);
    for (const item of items) expect(await ItemVersion.count({ where: { itemId: item.id } })).toBe(1);
    expect(progress.at(-1)).toBe(items.length);
  });
});
