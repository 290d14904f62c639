/**
 * The departments (and town governments) that run service items: name, the abbreviation used in document
 * numbers, 统一社会信用代码 (GB 32100 checksum), org unit, the size of their 权责清单 (the denominator of
 * 事项进驻率) and the phones citizens call.
 */
import { Op, type Transaction } from "sequelize";
import { sequelize } from "~/db/connection.server";
import { creditCodeError } from "~/identity/credit-code";
import { User } from "~/identity/models.server";
import type { CurrentUser } from "~/identity/session.server";
import { Department, OrgUnit } from "~/org/models.server";
import type { FieldError } from "~/schemas/field-errors";
import type { DepartmentConfig } from "~/schemas/types.generated";
import { validateAgainst } from "~/schemas/validate.server";
import { invalidInput, UserError } from "~/user-error";
import { describeChanges, recordAudit, type AuditActor } from "./audit.server";
import { requireCenterAdmin } from "./org-tree.server";

export const DEPARTMENT_FIELD_LABELS: Record<keyof DepartmentConfig, string> = {
  code: "部门代码",
  name: "部门名称",
  abbreviation: "文书简称",
  creditCode: "统一社会信用代码",
  orgUnit: "所属区划",
  itemListCount: "事项清单事项数",
  consultPhone: "咨询电话",
  complaintPhone: "投诉电话",
};

export interface DepartmentView extends DepartmentConfig {
  id: number;
  orgUnitName: string;
  staff: number;
}

export function toDepartmentConfig(d: Department, orgUnitCode: string): DepartmentConfig {
  return {
    code: d.code,
    name: d.name,
    abbreviation: d.abbreviation,
    creditCode: d.creditCode,
    orgUnit: orgUnitCode,
    ...(d.itemListCount != null ? { itemListCount: d.itemListCount } : {}),
    ...(d.consultPhone ? { consultPhone: d.consultPhone } : {}),
    ...(d.complaintPhone ? { complaintPhone: d.complaintPhone } : {}),
  };
}

export async function departmentList(): Promise<DepartmentView[]> {
  const [departments, units, users] = await Promise.all([
    Department.findAll({ order: [["id", "ASC"]] }),
    OrgUnit.findAll(),
    User.findAll({ attributes: ["departmentId"], where: { departmentId: { [Op.ne]: null }, active: true } }),
  ]);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const staff = new Map<number, number>();
  for (const u of users) staff.set(u.departmentId!, (staff.get(u.departmentId!) ?? 0) + 1);
  return departments.map((d) => ({
    ...toDepartmentConfig(d, unitById.get(d.orgUnitId)?.code ?? ""),
    id: d.id,
    orgUnitName: unitById.get(d.orgUnitId)?.name ?? "",
    staff: staff.get(d.id) ?? 0,
  }));
}

/** Trims text fields and drops empty optional ones, as a form or a spreadsheet row delivers them. */
export function normalizeDepartment(input: Record<string, unknown>): DepartmentConfig {
  const text = (k: string) => (typeof input[k] === "string" ? (input[k] as string).trim() : input[k] == null ? "" : String(input[k]).trim());
  const out: Record<string, unknown> = {
    code: text("code"),
    name: text("name"),
    abbreviation: text("abbreviation"),
    creditCode: text("creditCode").toUpperCase(),
    orgUnit: text("orgUnit"),
  };
  const count = text("itemListCount");
  if (count !== "") out.itemListCount = /^-?\d+$/.test(count) ? Number(count) : count;
  for (const k of ["consultPhone", "complaintPhone"]) if (text(k)) out[k] = text(k);
  return out as unknown as DepartmentConfig;
}

/** Every error of a department's data; `existingCode` when it is an edit of that department. */
export async function departmentErrors(input: DepartmentConfig, t?: Transaction, existingCode?: string): Promise<FieldError[]> {
  const errors = validateAgainst("department.schema.json", input).map((e) =>
    e.path === "itemListCount" ? { path: e.path, message: "事项清单事项数应为 0–10000 的整数" } : e,
  );
  const bad = new Set(errors.map((e) => e.path));
  if (!bad.has("creditCode")) {
    const checksum = creditCodeError(input.creditCode);
    if (checksum) errors.push({ path: "creditCode", message: checksum });
  }
  if (!bad.has("code") && input.code !== existingCode && (await Department.findOne({ where: { code: input.code }, transaction: t }))) {
    errors.push({ path: "code", message: `部门代码 ${input.code} 已被使用` });
  }
  if (!bad.has("name") && (await Department.findOne({ where: { name: input.name, code: { [Op.ne]: existingCode ?? input.code } }, transaction: t }))) {
    errors.push({ path: "name", message: `已有名为“${input.name}”的部门` });
  }
  if (!bad.has("orgUnit")) {
    const unit = await OrgUnit.findOne({ where: { code: input.orgUnit }, transaction: t });
    if (!unit) errors.push({ path: "orgUnit", message: `所属区划 ${input.orgUnit} 不存在` });
    else if (unit.retiredAt) errors.push({ path: "orgUnit", message: `区划“${unit.name}”已撤销，不能作为部门的所属区划` });
  }
  return errors;
}

/** Creates or updates a checked department (callers run departmentErrors first, in the same transaction). */
export async function saveDepartment(actor: AuditActor, input: DepartmentConfig, t: Transaction, imported = false): Promise<Department> {
  const unit = (await OrgUnit.findOne({ where: { code: input.orgUnit }, transaction: t }))!;
  const values = {
    name: input.name,
    abbreviation: input.abbreviation,
    creditCode: input.creditCode,
    orgUnitId: unit.id,
    itemListCount: input.itemListCount ?? null,
    consultPhone: input.consultPhone ?? null,
    complaintPhone: input.complaintPhone ?? null,
  };
  const existing = await Department.findOne({ where: { code: input.code }, transaction: t });
  if (!existing) {
    const created = await Department.create({ code: input.code, ...values }, { transaction: t });
    await recordAudit(t, actor, imported ? "imported" : "created", "department", input.code, `${input.name}（${input.abbreviation}）`);
    return created;
  }
  const oldUnit = await OrgUnit.findByPk(existing.orgUnitId, { transaction: t });
  const detail = describeChanges(toDepartmentConfig(existing, oldUnit?.code ?? "") as unknown as Record<string, unknown>, input as unknown as Record<string, unknown>, DEPARTMENT_FIELD_LABELS);
  if (!detail) return existing;
  await existing.update(values, { transaction: t });
  await recordAudit(t, actor, imported ? "imported" : "updated", "department", input.code, detail);
  return existing;
}

export async function createDepartment(user: CurrentUser, raw: Record<string, unknown>): Promise<Department> {
  const actor = requireCenterAdmin(user);
  const input = normalizeDepartment(raw);
  return sequelize.transaction(async (t) => {
    const errors = await departmentErrors(input, t);
    if (errors.length) throw invalidInput(errors);
    return saveDepartment(actor, input, t);
  });
}

/** Edits a department; its code is its key in document numbers and imports and does not change. */
export async function updateDepartment(user: CurrentUser, code: string, raw: Record<string, unknown>): Promise<Department> {
  const actor = requireCenterAdmin(user);
  const input = normalizeDepartment({ ...raw, code });
  return sequelize.transaction(async (t) => {
    if (!(await Department.findOne({ where: { code }, transaction: t }))) throw new UserError(`部门 ${code} 不存在`, 404);
    const errors = await departmentErrors(input, t, code);
    if (errors.length) throw invalidInput(errors);
    return saveDepartment(actor, input, t);
  });
}
