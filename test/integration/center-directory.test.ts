import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { parseWorkbook } from "~/catalog/workbook.server";
import { buildDirectoryWorkbook, importDirectoryWorkbook, type DirectoryImportReport } from "~/center/directory-workbook.server";
import { AdminAudit } from "~/center/models.server";
import { authenticate } from "~/identity/accounts.server";
import { creditCodeCheckChar } from "~/identity/credit-code";
import { User } from "~/identity/models.server";
import { Department, OrgUnit } from "~/org/models.server";
import { UserError } from "~/user-error";
import { freshDatabase, userNamed } from "../support/db";

beforeAll(freshDatabase);

const creditCode = (body17: string) => body17 + creditCodeCheckChar(body17);

type Rows = { 区划?: string[][]; 部门?: string[][]; 人员?: string[][] };
const HEADERS = {
  区划: ["区划代码", "名称", "层级", "上级区划代码", "设有大厅或分厅"],
  部门: ["部门代码", "部门名称", "文书简称", "统一社会信用代码", "所属区划代码", "事项清单事项数", "咨询电话", "投诉电话"],
  人员: ["用户名", "姓名", "手机号码", "电子邮箱", "所属部门代码", "角色"],
};

async function workbook(rows: Rows): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, data] of Object.entries(rows) as Array<[keyof typeof HEADERS, string[][]]>) {
    const ws = wb.addWorksheet(sheet);
    ws.addRow(HEADERS[sheet]);
    for (const row of data) ws.addRow(row);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const counts = async () => ({ units: await OrgUnit.count(), departments: await Department.count(), users: await User.count(), audit: await AdminAudit.count() });

const VALID: Rows = {
  区划: [
    ["610924100301", "和平村", "村（社区）", "610924100", "否"],
    ["610924140000", "红椿镇", "乡镇（街道）", "610924", "是"],
    ["610924140201", "七里村", "村（社区）", "610924140000", "否"],
  ],
  部门: [
    ["tyj", "紫阳县统计局", "紫统", creditCode("11610924MB2975001"), "610924", "12", "0915-4311111", "0915-4312222"],
    ["hcz", "紫阳县红椿镇人民政府", "红椿", creditCode("11610924MB2975002"), "610924140000", "", "", ""],
  ],
  人员: [
    ["tyj_admin", "王建国", "13600000001", "", "tyj", "部门事项管理员"],
    ["tyj_r1", "李红梅", "13600000002", "", "tyj", "审批人员"],
    ["tyj_r2", "张卫东", "", "", "tyj", "审批人员、部门事项管理员"],
    ["hcz_r1", "陈晓燕", "", "hcz@ziyang.gov.cn", "hcz", "审批人员"],
    ["hcz_w1", "周强", "", "", "hcz", "窗口工作人员"],
    ["jc_zhao", "赵敏", "", "", "", "电子监察"],
  ],
};

describe("the directory workbook (区划、部门、人员)", () => {
  it("offers a template with the three sheets and their headers", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildDirectoryWorkbook(true)) as unknown as ExcelJS.Buffer);
    for (const [sheet, headers] of Object.entries(HEADERS)) {
      const ws = wb.getWorksheet(sheet)!;
      expect(ws.getRow(1).values).toEqual([undefined, ...headers]);
      expect(ws.rowCount).toBe(1);
    }
    expect(wb.getWorksheet("填写说明")!.rowCount).toBeGreaterThan(15);
  });

  it("refuses anyone but a center admin", async () => {
    for (const username of ["reviewer_scjg", "scjg_admin", "supervisor", "13912345678"]) {
      await expect(importDirectoryWorkbook(await userNamed(username), await workbook(VALID))).rejects.toMatchObject({ status: 403 });
    }
  });

  it("reports every problem of every sheet at once and writes nothing", async () => {
    const before = await counts();
    const bad: Rows = {
      区划: [
        ["610924140000", "红椿镇", "乡镇（街道）", "610924", "是"],
        ["610924101301", "错村", "村（社区）", "610924140000", "否"],
        ["610924150000", "某镇", "大队", "610924", "否"],
      ],
      部门: [
        ["tyj", "紫阳县统计局", "紫统", "11610924MB29750011", "610924", "12", "", ""],
        ["hcz", "紫阳县红椿镇人民政府", "红椿", creditCode("11610924MB2975002"), "610924999000", "", "", ""],
      ],
      人员: [
        ["tyj_admin", "王建国", "", "", "nosuch", "部门事项管理员"],
        ["tyj_admin", "王建国", "", "", "scjg", "审批人员"],
        ["x_reviewer", "李四", "", "", "", "审批人员"],
        ["x_boss", "刘五", "", "", "scjg", "局长"],
      ],
    };
    const result = await importDirectoryWorkbook(await userNamed("center"), await workbook(bad));
    expect("errors" in result).toBe(true);
    const errors = "errors" in result ? result.errors : [];
    const at = (sheet: string, row: number, column: string) => errors.find((e) => e.sheet === sheet && e.row === row && e.column === column);
    expect(at("区划", 3, "区划代码")?.message).toMatch(/610924140/);
    expect(at("区划", 4, "层级")?.message).toMatch(/无法识别/);
    expect(at("部门", 2, "统一社会信用代码")?.message).toMatch(/校验位/);
    expect(at("部门", 3, "所属区划代码")?.message).toMatch(/不存在/);
    expect(at("人员", 2, "所属部门代码")?.message).toMatch(/nosuch/);
    expect(at("人员", 3, "用户名")?.message).toMatch(/重复/);
    expect(at("人员", 4, "所属部门代码")?.message).toMatch(/审批人员须有所属部门/);
    expect(at("人员", 5, "角色")?.message).toMatch(/局长/);
    expect(await counts()).toEqual(before);
  });

  it("imports a clean workbook in one go: units in any order, departments, staff with temporary passwords", async () => {
    const center = await userNamed("center");
    const before = await counts();
    const result = await importDirectoryWorkbook(center, await workbook(VALID));
    if ("errors" in result) throw new Error(JSON.stringify(result.errors));
    const report: DirectoryImportReport = result.report;
    expect(report.orgUnits.created).toBe(3);
    expect(report.departments.created).toBe(2);
    expect(report.staff.created).toBe(6);
    expect(report.credentials.map((c) => c.username).sort()).toEqual(VALID.人员!.map((r) => r[0]).sort());
    const village = await OrgUnit.findOne({ where: { code: "610924140201" } });
    expect(village?.level).toBe("village");
    expect((await OrgUnit.findByPk(village!.parentId!))?.code).toBe("610924140000");
    expect((await Department.findOne({ where: { code: "tyj" } }))?.consultPhone).toBe("0915-4311111");

    for (const credential of report.credentials) {
      const user = await authenticate(credential.username, credential.password);
      expect(user?.mustChangePassword).toBe(true);
    }
    const both = await User.findOne({ where: { username: "tyj_r2" } });
    expect(both?.roles).toEqual(["reviewer", "dept_admin"]);
    expect(both?.role).toBe("reviewer");
    const after = await counts();
    expect(after.audit - before.audit).toBe(3 + 2 + 6);
    const entry = await AdminAudit.findOne({ where: { entity: "user", entityKey: "hcz_w1" } });
    expect(entry).toMatchObject({ actorName: center.name, action: "imported" });
  });

  it("re-imports its own export unchanged without writing anything", async () => {
    const center = await userNamed("center");
    const before = await counts();
    const result = await importDirectoryWorkbook(center, new Uint8Array(await buildDirectoryWorkbook()));
    if ("errors" in result) throw new Error(JSON.stringify(result.errors.slice(0, 5)));
    expect(result.report.orgUnits).toMatchObject({ created: 0, updated: 0 });
    expect(result.report.departments).toMatchObject({ created: 0, updated: 0 });
    expect(result.report.staff).toMatchObject({ created: 0, updated: 0 });
    expect(result.report.credentials).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it("updates an existing account from a changed row, keeping its password", async () => {
    const center = await userNamed("center");
    const result = await importDirectoryWorkbook(center, await workbook({ 人员: [["tyj_r1", "李红梅", "13600000009", "", "tyj", "审批人员、窗口工作人员"]] }));
    if ("errors" in result) throw new Error(JSON.stringify(result.errors));
    expect(result.report.staff).toMatchObject({ created: 0, updated: 1 });
    expect(result.report.credentials).toEqual([]);
    expect((await User.findOne({ where: { username: "tyj_r1" } }))?.mobile).toBe("13600000009");
  });

  it("refuses a zip bomb (here and in the catalog import) from its declared size without unpacking it, and a file that is not a workbook", async () => {
    const zip = new JSZip();
    zip.file("xl/worksheets/sheet1.xml", Buffer.alloc(80 * 1024 * 1024));
    const bomb = new Uint8Array(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const center = await userNamed("center");
    const error = await importDirectoryWorkbook(center, bomb).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(/解压后超过/);
    // The catalog's item import reads workbooks through the same loader.
    await expect(parseWorkbook(bomb)).rejects.toThrow(/解压后超过/);
    await expect(importDirectoryWorkbook(center, new TextEncoder().encode("name,code\n"))).rejects.toThrow(/不是 Excel 工作簿/);
    await expect(importDirectoryWorkbook(center, await workbook({ 区划: [], 人员: [] }))).rejects.toThrow(/没有要导入的行/);
  });
});
