/**
 * The county's directory as one .xlsx workbook: 区划 (org units), 部门 (departments) and 人员 (staff accounts).
 * Export, an empty template, and an import that checks every row with the same rules as the forms, reports every
 * problem at once (sheet, row, column, Chinese message) and writes nothing unless the whole file is clean — the
 * habits of the catalog import (app/catalog/workbook.server.ts).
 */
import ExcelJS from "exceljs";
import type { Transaction } from "sequelize";
import { cellText, loadWorkbook, WorkbookImportError, type WorkbookError } from "~/catalog/workbook.server";
import { sequelize } from "~/db/connection.server";
import { User } from "~/identity/models.server";
import { hashPassword } from "~/identity/password.server";
import { STAFF_ROLES } from "~/identity/roles";
import type { CurrentUser } from "~/identity/session.server";
import { Department, OrgUnit, type OrgLevel } from "~/org/models.server";
import type { FieldError } from "~/schemas/field-errors";
import type { DepartmentConfig, OrgUnitConfig, StaffAccountConfig } from "~/schemas/types.generated";
import { UserError } from "~/user-error";
import { recordAudit } from "./audit.server";
import { departmentErrors, departmentList, normalizeDepartment, saveDepartment } from "./departments.server";
import { LEVEL_LABELS, insertOrgUnit, orgTree, orgUnitErrors, requireCenterAdmin } from "./org-tree.server";
import { applyStaffEdit, insertStaff, normalizeStaff, STAFF_ROLE_LABELS, staffErrors, staffList, temporaryPassword, type TemporaryCredential } from "./staff.server";

export const ORG_SHEET = "区划";
export const DEPARTMENT_SHEET = "部门";
export const STAFF_SHEET = "人员";
const NOTES_SHEET = "填写说明";
export const MAX_DIRECTORY_ROWS = 5000;

interface Column {
  header: string;
  /** The field of the row's record (the FieldError path it answers for). */
  key: string;
  note: string;
  width?: number;
}

const ORG_COLUMNS: readonly Column[] = [
  { header: "区划代码", key: "code", note: "12 位统计用区划代码，以本县 6 位代码开头，如 610924100201", width: 16 },
  { header: "名称", key: "name", note: "如 新桥社区", width: 16 },
  { header: "层级", key: "level", note: "县（区）、乡镇（街道）或 村（社区）", width: 12 },
  { header: "上级区划代码", key: "parent", note: "乡镇填县的代码，村（社区）填所属乡镇的代码；县不填", width: 16 },
  { header: "设有大厅或分厅", key: "hall", note: "是 或 否（空为否）", width: 14 },
];

const DEPARTMENT_COLUMNS: readonly Column[] = [
  { header: "部门代码", key: "code", note: "小写字母开头的简称代码，如 scjg；设立后不能修改", width: 12 },
  { header: "部门名称", key: "name", note: "如 紫阳县市场监督管理局", width: 26 },
  { header: "文书简称", key: "abbreviation", note: "用于文号，如 紫市监", width: 10 },
  { header: "统一社会信用代码", key: "creditCode", note: "18 位，按 GB 32100 校验", width: 22 },
  { header: "所属区划代码", key: "orgUnit", note: "县本级部门填县的代码，镇政府填镇的代码", width: 16 },
  { header: "事项清单事项数", key: "itemListCount", note: "权责清单中的政务服务事项数（事项进驻率的分母），可不填", width: 14 },
  { header: "咨询电话", key: "consultPhone", note: "可不填", width: 16 },
  { header: "投诉电话", key: "complaintPhone", note: "可不填", width: 16 },
];

const STAFF_COLUMNS: readonly Column[] = [
  { header: "用户名", key: "username", note: "小写字母开头，3–30 位字母、数字、下划线、点或连字符；已有的用户名会更新该账号（不改密码）", width: 16 },
  { header: "姓名", key: "name", note: "2–20 个汉字", width: 10 },
  { header: "手机号码", key: "mobile", note: "可不填", width: 14 },
  { header: "电子邮箱", key: "email", note: "可不填", width: 24 },
  { header: "所属部门代码", key: "department", note: "部门事项管理员、审批人员、窗口工作人员必填", width: 12 },
  { header: "角色", key: "roles", note: `一个或多个，用“、”分隔：${Object.values(STAFF_ROLE_LABELS).join("、")}`, width: 30 },
];

const SHEETS = [
  { name: ORG_SHEET, columns: ORG_COLUMNS },
  { name: DEPARTMENT_SHEET, columns: DEPARTMENT_COLUMNS },
  { name: STAFF_SHEET, columns: STAFF_COLUMNS },
] as const;

const LEVEL_BY_LABEL = new Map<string, OrgLevel>([
  ...Object.entries(LEVEL_LABELS).map(([level, label]) => [label, level as OrgLevel] as const),
  ["县", "county"],
  ["乡镇", "town"],
  ["镇", "town"],
  ["街道", "town"],
  ["村", "village"],
  ["社区", "village"],
]);
const ROLE_BY_LABEL = new Map<string, string>([...Object.entries(STAFF_ROLE_LABELS).map(([role, label]) => [label, role] as const), ["政务服务中心", "center_admin"]]);

// ---------------------------------------------------------------- export

function addSheet(workbook: ExcelJS.Workbook, name: string, columns: readonly Column[], rows: Array<Record<string, string | number>>) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
}

/** The directory as it stands (active org units, every department, every staff account), or the empty template. */
export async function buildDirectoryWorkbook(template = false): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "紫阳县网上办事大厅";
  const [units, departments, staff] = template ? [[], [], []] : await Promise.all([orgTree(), departmentList(), staffList()]);
  addSheet(
    workbook,
    ORG_SHEET,
    ORG_COLUMNS,
    units.filter((u) => !u.retired).map((u) => ({ code: u.code, name: u.name, level: u.levelLabel, parent: u.parentCode ?? "", hall: u.hall ? "是" : "否" })),
  );
  addSheet(
    workbook,
    DEPARTMENT_SHEET,
    DEPARTMENT_COLUMNS,
    departments.map((d) => ({ code: d.code, name: d.name, abbreviation: d.abbreviation, creditCode: d.creditCode, orgUnit: d.orgUnit, itemListCount: d.itemListCount ?? "", consultPhone: d.consultPhone ?? "", complaintPhone: d.complaintPhone ?? "" })),
  );
  addSheet(
    workbook,
    STAFF_SHEET,
    STAFF_COLUMNS,
    staff.map((s) => ({ username: s.username, name: s.name, mobile: s.mobile ?? "", email: s.email ?? "", department: s.department ?? "", roles: s.roleLabels.join("、") })),
  );
  const notes = workbook.addWorksheet(NOTES_SHEET);
  notes.columns = [{ header: "工作表", width: 10 }, { header: "列", width: 18 }, { header: "填写说明", width: 90 }];
  notes.getRow(1).font = { bold: true };
  for (const { name, columns } of SHEETS) for (const c of columns) notes.addRow([name, c.header, c.note]);
  notes.addRow([]);
  notes.addRow(["", "", "任何一行有错误时不导入任何内容；全部通过检查后一次性写入。三张表可只填其中一部分，区划的行可按任意顺序填写。"]);
  notes.addRow(["", "", "新开设的账号各有一个临时密码，只在导入结果页显示一次；首次登录须修改密码。"]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- reading

/** The catalog's checked loader, its refusals as UserErrors. */
async function readWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  try {
    return await loadWorkbook(bytes);
  } catch (error) {
    if (error instanceof WorkbookImportError) throw new UserError(error.message, 400);
    throw error;
  }
}

interface SheetRow {
  row: number;
  values: Record<string, string>;
}

/** A sheet's non-empty rows as header → text; a missing sheet is no rows, a missing column is an error. */
function readSheet(workbook: ExcelJS.Workbook, name: string, columns: readonly Column[], errors: WorkbookError[]): SheetRow[] {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) return [];
  const byHeader = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => {
    const header = cellText(cell.value).trim();
    if (header) byHeader.set(header, col);
  });
  if (sheet.rowCount - 1 > MAX_DIRECTORY_ROWS) throw new UserError(`“${name}”工作表超过 ${MAX_DIRECTORY_ROWS} 行，请分批导入`, 413);
  const rows: SheetRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const values: Record<string, string> = {};
    for (const c of columns) values[c.key] = byHeader.has(c.header) ? cellText(row.getCell(byHeader.get(c.header)!).value).trim() : "";
    if (Object.values(values).some(Boolean)) rows.push({ row: r, values });
  }
  const missing = columns.filter((c) => !byHeader.has(c.header));
  if (rows.length) for (const c of missing) errors.push({ sheet: name, row: 1, column: c.header, message: "缺少这一列，请使用导入模板" });
  return rows;
}

// ---------------------------------------------------------------- import

export interface DirectoryImportReport {
  orgUnits: { created: number; updated: number; unchanged: number };
  departments: { created: number; updated: number; unchanged: number };
  staff: { created: number; updated: number; unchanged: number };
  /** The new accounts' one-time passwords: shown once, never stored in clear. */
  credentials: TemporaryCredential[];
}

export type DirectoryImportResult = { errors: WorkbookError[] } | { report: DirectoryImportReport };

class Refused extends Error {}

const LEVEL_ORDER: Record<OrgLevel, number> = { county: 0, town: 1, village: 2 };

/** Imports the workbook: everything, or — when any row has a problem — nothing, with every problem listed. */
export async function importDirectoryWorkbook(user: CurrentUser, bytes: Uint8Array): Promise<DirectoryImportResult> {
  const actor = requireCenterAdmin(user);
  const workbook = await readWorkbook(bytes);
  const errors: WorkbookError[] = [];
  const orgRows = readSheet(workbook, ORG_SHEET, ORG_COLUMNS, errors);
  const departmentRows = readSheet(workbook, DEPARTMENT_SHEET, DEPARTMENT_COLUMNS, errors);
  const staffRows = readSheet(workbook, STAFF_SHEET, STAFF_COLUMNS, errors);
  if (!orgRows.length && !departmentRows.length && !staffRows.length) throw new UserError("工作簿中没有要导入的行（区划、部门、人员三张表都是空的）");
  if (errors.length) return { errors };

  const columnOf = (columns: readonly Column[], path: string) => columns.find((c) => c.key === path.split(".")[0])?.header ?? columns[0].header;
  const report = (sheet: string, columns: readonly Column[], row: number, found: FieldError[]) => {
    for (const e of found) errors.push({ sheet, row, column: columnOf(columns, e.path), message: e.message });
  };
  const duplicates = (sheet: string, columns: readonly Column[], rows: SheetRow[], key: string) => {
    const seen = new Map<string, number>();
    for (const r of rows) {
      const value = r.values[key].toLowerCase();
      if (!value) continue;
      if (seen.has(value)) report(sheet, columns, r.row, [{ path: key, message: `与第 ${seen.get(value)} 行重复` }]);
      else seen.set(value, r.row);
    }
  };
  duplicates(ORG_SHEET, ORG_COLUMNS, orgRows, "code");
  duplicates(DEPARTMENT_SHEET, DEPARTMENT_COLUMNS, departmentRows, "code");
  duplicates(STAFF_SHEET, STAFF_COLUMNS, staffRows, "username");

  // Temporary passwords are hashed before the transaction: scrypt is slow and SQLite holds its write lock throughout.
  const newUsernames = new Set(
    (await User.findAll({ where: { username: staffRows.map((r) => r.values.username.toLowerCase()) }, attributes: ["username"] })).map((u) => u.username),
  );
  const passwords = new Map<string, { password: string; hash: string }>();
  const fresh = [...new Set(staffRows.map((r) => r.values.username.toLowerCase()).filter((u) => u && !newUsernames.has(u)))];
  // Four at a time: the hashes run on libuv's thread pool (four threads), which file I/O shares.
  for (let i = 0; i < fresh.length; i += 4) {
    await Promise.all(
      fresh.slice(i, i + 4).map(async (username) => {
        const password = temporaryPassword();
        passwords.set(username, { password, hash: await hashPassword(password) });
      }),
    );
  }

  const result: DirectoryImportReport = {
    orgUnits: { created: 0, updated: 0, unchanged: 0 },
    departments: { created: 0, updated: 0, unchanged: 0 },
    staff: { created: 0, updated: 0, unchanged: 0 },
    credentials: [],
  };
  try {
    await sequelize.transaction(async (t) => {
      await importOrgUnits(t, orgRows, result, report);
      await importDepartments(t, departmentRows, result, report);
      await importStaff(t, staffRows, passwords, result, report);
      if (errors.length) throw new Refused();
    });
  } catch (error) {
    if (error instanceof Refused) return { errors: sortErrors(errors) };
    throw error;
  }
  return { report: result };

  // The row importers below share `actor` and write through the same services as the forms.
  async function importOrgUnits(t: Transaction, rows: SheetRow[], out: DirectoryImportReport, problem: typeof report) {
    const level = (label: string) => LEVEL_BY_LABEL.get(label);
    const ordered = [...rows].sort((a, b) => (LEVEL_ORDER[level(a.values.level) ?? "village"] - LEVEL_ORDER[level(b.values.level) ?? "village"]) || a.values.code.localeCompare(b.values.code));
    for (const r of ordered) {
      const v = r.values;
      const parsed = level(v.level);
      if (!parsed) {
        problem(ORG_SHEET, ORG_COLUMNS, r.row, [{ path: "level", message: `层级“${v.level}”无法识别，应为 县（区）、乡镇（街道）或 村（社区）` }]);
        continue;
      }
      if (v.hall && !["是", "否"].includes(v.hall)) {
        problem(ORG_SHEET, ORG_COLUMNS, r.row, [{ path: "hall", message: "应填“是”或“否”" }]);
        continue;
      }
      const input: OrgUnitConfig = { code: v.code, name: v.name, level: parsed, parent: v.parent || null, hall: v.hall === "是" };
      const existing = await OrgUnit.findOne({ where: { code: v.code }, transaction: t });
      if (existing) {
        const parent = existing.parentId ? await OrgUnit.findByPk(existing.parentId, { transaction: t }) : null;
        if (existing.level !== parsed || (parent?.code ?? null) !== input.parent) {
          problem(ORG_SHEET, ORG_COLUMNS, r.row, [{ path: "parent", message: `区划 ${v.code} 已存在，其层级和上级不能通过导入修改` }]);
        } else if (existing.name === input.name && existing.hasHall === input.hall) {
          out.orgUnits.unchanged++;
        } else if (input.name.length < 2 || input.name.length > 50) {
          problem(ORG_SHEET, ORG_COLUMNS, r.row, [{ path: "name", message: "名称应为 2–50 个字" }]);
        } else {
          const detail = [existing.name !== input.name && `名称：${existing.name} → ${input.name}`, existing.hasHall !== input.hall && (input.hall ? "设立大厅或分厅" : "不再设大厅或分厅")].filter(Boolean).join("；");
          await existing.update({ name: input.name, hasHall: input.hall }, { transaction: t });
          await recordAudit(t, actor, "imported", "org_unit", existing.code, detail);
          out.orgUnits.updated++;
        }
        continue;
      }
      const found = await orgUnitErrors(input, t);
      if (found.length) problem(ORG_SHEET, ORG_COLUMNS, r.row, found);
      else {
        await insertOrgUnit(actor, input, t, "imported");
        out.orgUnits.created++;
      }
    }
  }

  async function importDepartments(t: Transaction, rows: SheetRow[], out: DirectoryImportReport, problem: typeof report) {
    for (const r of rows) {
      const input: DepartmentConfig = normalizeDepartment(r.values);
      const existing = await Department.findOne({ where: { code: input.code }, transaction: t });
      const found = await departmentErrors(input, t, existing ? input.code : undefined);
      if (found.length) {
        problem(DEPARTMENT_SHEET, DEPARTMENT_COLUMNS, r.row, found);
        continue;
      }
      const before = existing?.get({ plain: true });
      const saved = await saveDepartment(actor, input, t, true);
      if (!existing) out.departments.created++;
      else if (JSON.stringify(before) === JSON.stringify(saved.get({ plain: true }))) out.departments.unchanged++;
      else out.departments.updated++;
    }
  }

  async function importStaff(t: Transaction, rows: SheetRow[], secrets: typeof passwords, out: DirectoryImportReport, problem: typeof report) {
    for (const r of rows) {
      const labels = r.values.roles.split(/[、,，;；\s]+/).filter(Boolean);
      const unknown = labels.filter((l) => !ROLE_BY_LABEL.has(l));
      if (unknown.length) {
        problem(STAFF_SHEET, STAFF_COLUMNS, r.row, [{ path: "roles", message: `角色“${unknown.join("、")}”无法识别，应为 ${Object.values(STAFF_ROLE_LABELS).join("、")}` }]);
        continue;
      }
      const input: StaffAccountConfig = normalizeStaff({ ...r.values, roles: [...new Set(labels.map((l) => ROLE_BY_LABEL.get(l)!))] });
      const existing = await User.findOne({ where: { username: input.username }, transaction: t });
      if (existing && !STAFF_ROLES.includes(existing.role)) {
        problem(STAFF_SHEET, STAFF_COLUMNS, r.row, [{ path: "username", message: `用户名 ${input.username} 已被群众或企业账号使用` }]);
        continue;
      }
      const found = await staffErrors(input, t, existing ?? undefined);
      if (found.length) {
        problem(STAFF_SHEET, STAFF_COLUMNS, r.row, found);
        continue;
      }
      if (existing) {
        if (await applyStaffEdit(actor, existing, input, t, "imported")) out.staff.updated++;
        else out.staff.unchanged++;
        continue;
      }
      const secret = secrets.get(input.username);
      if (!secret) continue; // a duplicate row, already reported
      await insertStaff(actor, input, secret.hash, t, "imported");
      out.staff.created++;
      out.credentials.push({ username: input.username, name: input.name, password: secret.password });
    }
  }
}

const SHEET_ORDER = [ORG_SHEET, DEPARTMENT_SHEET, STAFF_SHEET];
const sortErrors = (errors: WorkbookError[]) => [...errors].sort((a, b) => SHEET_ORDER.indexOf(a.sheet) - SHEET_ORDER.indexOf(b.sheet) || a.row - b.row);
