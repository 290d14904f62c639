/**
 * The org tree the center runs: county → towns → villages/communities. Codes are the 12-digit statistical
 * division codes under the county's 6-digit prefix (the demo county's older 6- and 9-digit codes stay valid
 * as they are). A retired unit keeps its history — items, cases and departments that name it — but takes no
 * new children, departments or items, and leaves the address choices.
 */
import type { Transaction } from "sequelize";
import { sequelize } from "~/db/connection.server";
import { hasRole } from "~/identity/roles";
import type { CurrentUser } from "~/identity/session.server";
import { Department, OrgUnit, type OrgLevel } from "~/org/models.server";
import type { FieldError } from "~/schemas/field-errors";
import type { OrgUnitConfig } from "~/schemas/types.generated";
import { validateAgainst } from "~/schemas/validate.server";
import { invalidInput, UserError } from "~/user-error";
import { recordAudit, type AuditActor } from "./audit.server";

export const LEVEL_LABELS: Record<OrgLevel, string> = { county: "县（区）", town: "乡镇（街道）", village: "村（社区）" };
const CHILD_LEVEL: Record<OrgLevel, OrgLevel | null> = { county: "town", town: "village", village: null };

/** Only center admins administer the county; everyone else gets a 403 from every function here. */
export function requireCenterAdmin(user: CurrentUser): AuditActor {
  if (!hasRole(user, "center_admin")) throw new UserError("只有政务服务中心管理员可以管理区划、部门和工作人员", 403);
  return { id: user.id, name: user.name };
}

export interface OrgUnitView {
  id: number;
  code: string;
  name: string;
  level: OrgLevel;
  levelLabel: string;
  parentCode: string | null;
  hall: boolean;
  retired: boolean;
  departments: number;
}

/** Every unit (retired ones too), parents before children, by code. */
export async function orgTree(): Promise<OrgUnitView[]> {
  const [units, departments] = await Promise.all([OrgUnit.findAll({ order: [["code", "ASC"]] }), Department.findAll({ attributes: ["orgUnitId"] })]);
  const byId = new Map(units.map((u) => [u.id, u]));
  const count = new Map<number, number>();
  for (const d of departments) count.set(d.orgUnitId, (count.get(d.orgUnitId) ?? 0) + 1);
  const depth = (u: OrgUnit): number => (u.parentId == null ? 0 : 1 + depth(byId.get(u.parentId)!));
  const path = (u: OrgUnit): string => (u.parentId == null ? u.code : `${path(byId.get(u.parentId)!)}/${u.code}`);
  return units
    .map((u) => ({ unit: u, depth: depth(u), path: path(u) }))
    .sort((a, b) => a.path.localeCompare(b.path))
    .map(({ unit: u }) => ({
      id: u.id,
      code: u.code,
      name: u.name,
      level: u.level,
      levelLabel: LEVEL_LABELS[u.level],
      parentCode: u.parentId == null ? null : byId.get(u.parentId)!.code,
      hall: u.hasHall,
      retired: u.retiredAt != null,
      departments: count.get(u.id) ?? 0,
    }));
}

/**
 * The errors of a new unit (all of them), checked against the schema and against the tree as it stands in `t`
 * — so an import sees the units its earlier rows created.
 */
export async function orgUnitErrors(input: OrgUnitConfig, t?: Transaction): Promise<FieldError[]> {
  const errors = validateAgainst("org-unit.schema.json", input);
  if (errors.length) return errors;
  if (await OrgUnit.findOne({ where: { code: input.code }, transaction: t })) return [{ path: "code", message: `区划代码 ${input.code} 已存在` }];
  if (!/^[0-9]{12}$/.test(input.code)) errors.push({ path: "code", message: "区划代码应为 12 位数字（统计用区划代码，如 610924100201）" });
  if (input.level === "county") {
    if (input.parent) errors.push({ path: "parent", message: "县级区划没有上级区划" });
    if (await OrgUnit.findOne({ where: { level: "county" }, transaction: t })) errors.push({ path: "level", message: "本大厅已有县级区划，只能在其下新建乡镇和村（社区）" });
    if (!input.code.endsWith("000000")) errors.push({ path: "code", message: "县级区划代码的后 6 位应为 000000（如 610924000000）" });
    return errors;
  }
  if (!input.parent) return [...errors, { path: "parent", message: `请填写上级区划代码（${LEVEL_LABELS[input.level]}的上级是${input.level === "town" ? "县" : "乡镇"}）` }];
  const parent = await OrgUnit.findOne({ where: { code: input.parent }, transaction: t });
  if (!parent) return [...errors, { path: "parent", message: `上级区划 ${input.parent} 不存在` }];
  if (parent.retiredAt) errors.push({ path: "parent", message: `上级区划“${parent.name}”已撤销，不能在其下新建` });
  if (CHILD_LEVEL[parent.level] !== input.level) {
    errors.push({ path: "level", message: `“${parent.name}”（${LEVEL_LABELS[parent.level]}）之下只能是${CHILD_LEVEL[parent.level] ? LEVEL_LABELS[CHILD_LEVEL[parent.level]!] : "（无下级）"}` });
  }
  const county = input.level === "town" ? parent : parent.parentId != null ? await OrgUnit.findByPk(parent.parentId, { transaction: t }) : null;
  const countyPrefix = county?.code.slice(0, 6) ?? parent.code.slice(0, 6);
  if (!input.code.startsWith(countyPrefix)) errors.push({ path: "code", message: `区划代码应以本县的 ${countyPrefix} 开头` });
  else if (input.level === "town" && (input.code.slice(6, 9) === "000" || !input.code.endsWith("000"))) {
    errors.push({ path: "code", message: "乡镇（街道）代码的第 7–9 位是乡镇编号（不能为 000），后 3 位为 000" });
  } else if (input.level === "village" && (!input.code.startsWith(parent.code.slice(0, 9)) || input.code.endsWith("000"))) {
    errors.push({ path: "code", message: `村（社区）代码应以所属乡镇的 ${parent.code.slice(0, 9)} 开头，后 3 位为村编号（不能为 000）` });
  }
  return errors;
}

/** Writes a checked unit (callers run orgUnitErrors first, in the same transaction). */
export async function insertOrgUnit(actor: AuditActor, input: OrgUnitConfig, t: Transaction, action: "created" | "imported" = "created"): Promise<OrgUnit> {
  const parent = input.parent ? await OrgUnit.findOne({ where: { code: input.parent }, transaction: t }) : null;
  const unit = await OrgUnit.create({ code: input.code, name: input.name.trim(), level: input.level, parentId: parent?.id ?? null, hasHall: input.hall }, { transaction: t });
  await recordAudit(t, actor, action, "org_unit", unit.code, `${LEVEL_LABELS[unit.level]} ${unit.name}${unit.hasHall ? "（设有大厅或分厅）" : ""}`);
  return unit;
}

export async function createOrgUnit(user: CurrentUser, input: OrgUnitConfig): Promise<OrgUnit> {
  const actor = requireCenterAdmin(user);
  return sequelize.transaction(async (t) => {
    const errors = await orgUnitErrors(input, t);
    if (errors.length) throw invalidInput(errors);
    return insertOrgUnit(actor, input, t);
  });
}

async function unitByCode(code: string, t: Transaction): Promise<OrgUnit> {
  const unit = await OrgUnit.findOne({ where: { code }, transaction: t });
  if (!unit) throw new UserError(`区划 ${code} 不存在`, 404);
  return unit;
}

/** Renames a unit and changes whether it has a branch hall; its code and place in the tree never change. */
export async function updateOrgUnit(user: CurrentUser, code: string, input: { name: string; hall: boolean }): Promise<OrgUnit> {
  const actor = requireCenterAdmin(user);
  const name = input.name.trim();
  if (name.length < 2 || name.length > 50) throw invalidInput([{ path: "name", message: "名称应为 2–50 个字" }]);
  return sequelize.transaction(async (t) => {
    const unit = await unitByCode(code, t);
    const changes: string[] = [];
    if (unit.name !== name) changes.push(`名称：${unit.name} → ${name}`);
    if (unit.hasHall !== input.hall) changes.push(input.hall ? "设立大厅或分厅" : "不再设大厅或分厅");
    if (!changes.length) return unit;
    await unit.update({ name, hasHall: input.hall }, { transaction: t });
    await recordAudit(t, actor, unit.name !== name ? "renamed" : "updated", "org_unit", code, changes.join("；"));
    return unit;
  });
}

/** Retires a unit that has no active children and no departments; its history stays. */
export async function retireOrgUnit(user: CurrentUser, code: string): Promise<void> {
  const actor = requireCenterAdmin(user);
  await sequelize.transaction(async (t) => {
    const unit = await unitByCode(code, t);
    if (unit.retiredAt) return;
    if (unit.level === "county") throw new UserError("县级区划不能撤销", 409);
    const children = await OrgUnit.findAll({ where: { parentId: unit.id, retiredAt: null }, transaction: t });
    if (children.length) throw new UserError(`“${unit.name}”下还有 ${children.length} 个未撤销的下级区划（${children.slice(0, 3).map((c) => c.name).join("、")}），请先撤销或调整`, 409);
    const departments = await Department.findAll({ where: { orgUnitId: unit.id }, transaction: t });
    if (departments.length) throw new UserError(`“${unit.name}”还是 ${departments.map((d) => d.name).join("、")} 的所属区划，请先修改这些部门`, 409);
    await unit.update({ retiredAt: new Date() }, { transaction: t });
    await recordAudit(t, actor, "retired", "org_unit", code, unit.name);
  });
}

export async function restoreOrgUnit(user: CurrentUser, code: string): Promise<void> {
  const actor = requireCenterAdmin(user);
  await sequelize.transaction(async (t) => {
    const unit = await unitByCode(code, t);
    if (!unit.retiredAt) return;
    const parent = unit.parentId ? await OrgUnit.findByPk(unit.parentId, { transaction: t }) : null;
    if (parent?.retiredAt) throw new UserError(`上级区划“${parent.name}”已撤销，请先恢复上级`, 409);
    await unit.update({ retiredAt: null }, { transaction: t });
    await recordAudit(t, actor, "restored", "org_unit", code, unit.name);
  });
}
