/**
 * Staff accounts, opened and run by the center: a department and one or more roles within its scope, disable
 * and enable (the user's sessions end at once), password resets with a one-time temporary password that must be
 * changed at the next login. The hall always keeps at least one active center admin.
 */
import { randomInt } from "node:crypto";
import { Op, type Transaction } from "sequelize";
import { sequelize } from "~/db/connection.server";
import { User } from "~/identity/models.server";
import { hashPassword } from "~/identity/password.server";
import { DEPARTMENT_SCOPED_ROLES, ROLE_LABELS, STAFF_ROLES, type Role } from "~/identity/roles";
import { revokeUserSessions, type CurrentUser } from "~/identity/session.server";
import { Department } from "~/org/models.server";
import type { FieldError } from "~/schemas/field-errors";
import type { StaffAccountConfig, StaffRole } from "~/schemas/types.generated";
import { validateAgainst } from "~/schemas/validate.server";
import { invalidInput, UserError } from "~/user-error";
import { describeChanges, recordAudit, type AuditActor } from "./audit.server";
import { requireCenterAdmin } from "./org-tree.server";

export const STAFF_FIELD_LABELS: Record<keyof StaffAccountConfig, string> = {
  username: "用户名",
  name: "姓名",
  mobile: "手机号码",
  email: "电子邮箱",
  department: "所属部门",
  roles: "角色",
};

/** Role titles as the center writes them (forms, spreadsheets). */
export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  dept_admin: ROLE_LABELS.dept_admin,
  reviewer: ROLE_LABELS.reviewer,
  window_clerk: ROLE_LABELS.window_clerk,
  center_admin: "政务服务中心管理员",
  supervisor: ROLE_LABELS.supervisor,
};

export interface StaffView extends StaffAccountConfig {
  id: number;
  departmentName: string | null;
  roleLabels: string[];
  active: boolean;
  mustChangePassword: boolean;
}

function toStaffConfig(user: User, departmentCode: string | null): StaffAccountConfig {
  return {
    username: user.username,
    name: user.name,
    ...(user.mobile ? { mobile: user.mobile } : {}),
    ...(user.email ? { email: user.email } : {}),
    ...(departmentCode ? { department: departmentCode } : {}),
    roles: (user.roles?.length ? user.roles : [user.role]) as StaffAccountConfig["roles"],
  };
}

/** Every staff account (applicants are not staff), optionally of one department or matching a search. */
export async function staffList(filter: { department?: string; q?: string } = {}): Promise<StaffView[]> {
  const departments = await Department.findAll();
  const byId = new Map(departments.map((d) => [d.id, d]));
  const where: Record<string | symbol, unknown> = { role: STAFF_ROLES as Role[] };
  if (filter.department) where.departmentId = departments.find((d) => d.code === filter.department)?.id ?? -1;
  const q = filter.q?.trim();
  if (q) where[Op.or] = [{ username: { [Op.like]: `%${q}%` } }, { name: { [Op.like]: `%${q}%` } }, { mobile: { [Op.like]: `%${q}%` } }];
  const users = await User.findAll({ where, order: [["departmentId", "ASC"], ["id", "ASC"]], limit: 2000 });
  return users.map((u) => {
    const department = u.departmentId ? byId.get(u.departmentId) : undefined;
    const config = toStaffConfig(u, department?.code ?? null);
    return {
      ...config,
      id: u.id,
      departmentName: department?.name ?? null,
      roleLabels: config.roles.map((r) => STAFF_ROLE_LABELS[r] ?? r),
      active: u.active,
      mustChangePassword: u.mustChangePassword,
    };
  });
}

/** Trims the fields and drops empty optional ones, as a form or a spreadsheet row delivers them. */
export function normalizeStaff(input: { username?: unknown; name?: unknown; mobile?: unknown; email?: unknown; department?: unknown; roles?: unknown }): StaffAccountConfig {
  const text = (v: unknown) => (v == null ? "" : String(v).trim());
  const out: Record<string, unknown> = { username: text(input.username).toLowerCase(), name: text(input.name), roles: Array.isArray(input.roles) ? input.roles.map(text).filter(Boolean) : [] };
  if (text(input.mobile)) out.mobile = text(input.mobile);
  if (text(input.email)) out.email = text(input.email);
  if (text(input.department)) out.department = text(input.department);
  return out as unknown as StaffAccountConfig;
}

/** Every error of an account's data; `existing` when it is an edit of that account. */
export async function staffErrors(input: StaffAccountConfig, t?: Transaction, existing?: User): Promise<FieldError[]> {
  const errors = validateAgainst("staff-account.schema.json", input).map((e) =>
    e.path === "name" ? { path: "name", message: "姓名应为 2–20 个汉字" } : e.path.startsWith("roles") ? { path: "roles", message: "请至少选择一个角色（部门事项管理员、审批人员、窗口工作人员、政务服务中心管理员、电子监察）" } : e,
  );
  const bad = new Set(errors.map((e) => e.path));
  if (!bad.has("username") && !existing) {
    if (await User.findOne({ where: { username: input.username }, transaction: t })) errors.push({ path: "username", message: `用户名 ${input.username} 已被使用` });
  }
  if (input.mobile && !bad.has("mobile")) {
    const other = await User.findOne({ where: { [Op.or]: [{ mobile: input.mobile }, { username: input.mobile }] }, transaction: t });
    if (other && other.id !== existing?.id) errors.push({ path: "mobile", message: `手机号码 ${input.mobile} 已被其他账号使用` });
  }
  let department: Department | null = null;
  if (input.department && !bad.has("department")) {
    department = await Department.findOne({ where: { code: input.department }, transaction: t });
    if (!department) errors.push({ path: "department", message: `部门 ${input.department} 不存在` });
  }
  if (!bad.has("roles") && !input.department) {
    const scoped = input.roles.filter((r) => DEPARTMENT_SCOPED_ROLES.includes(r));
    if (scoped.length) errors.push({ path: "department", message: `${scoped.map((r) => STAFF_ROLE_LABELS[r]).join("、")}须有所属部门` });
  }
  if (existing && !bad.has("roles") && existing.active && (existing.roles ?? [existing.role]).includes("center_admin") && !input.roles.includes("center_admin")) {
    if ((await activeCenterAdmins(t, existing.id)) === 0) errors.push({ path: "roles", message: "这是最后一个在用的政务服务中心管理员，不能取消其管理员角色" });
  }
  return errors;
}

/**
 * Active center admins other than `except`. Inside a transaction the rows are read with FOR UPDATE, so two
 * admins disabling each other at once on MySQL cannot both see the other as still active (SQLite serializes
 * its write transactions anyway).
 */
async function activeCenterAdmins(t: Transaction | undefined, except: number): Promise<number> {
  const admins = await User.findAll({
    // The target is locked with the others (not excluded in SQL): two such transactions lock the same rows in
    // the same order, so the second waits instead of deadlocking.
    where: { active: true, role: STAFF_ROLES as Role[] },
    attributes: ["id", "role", "roles"],
    order: [["id", "ASC"]],
    transaction: t,
    ...(t && { lock: t.LOCK.UPDATE }),
  });
  return admins.filter((u) => u.id !== except && (u.roles ?? [u.role]).includes("center_admin")).length;
}

const TEMP_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A one-time password that is easy to read out over the phone and passes the password rules. */
export function temporaryPassword(): string {
  const pick = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[randomInt(alphabet.length)]).join("");
  return `${pick("abcdefghjkmnpqrstuvwxyz", 4)}${pick(TEMP_ALPHABET, 4)}${pick("23456789", 2)}`;
}

export interface TemporaryCredential {
  username: string;
  name: string;
  password: string;
}

/**
 * Creates a checked account (callers run staffErrors first) with a temporary password already hashed —
 * hashing is slow, so an import hashes before its transaction.
 */
export async function insertStaff(actor: AuditActor, input: StaffAccountConfig, passwordHash: string, t: Transaction, action: "created" | "imported" = "created"): Promise<User> {
  const department = input.department ? await Department.findOne({ where: { code: input.department }, transaction: t }) : null;
  const user = await User.create(
    {
      username: input.username,
      name: input.name,
      role: input.roles[0],
      roles: [...input.roles],
      departmentId: department?.id ?? null,
      mobile: input.mobile ?? null,
      idCard: null,
      creditCode: null,
      email: input.email ?? null,
      passwordHash,
      mustChangePassword: true,
    },
    { transaction: t },
  );
  await recordAudit(t, actor, action, "user", user.username, `${user.name}，${department?.name ?? "无所属部门"}，${input.roles.map((r) => STAFF_ROLE_LABELS[r]).join("、")}`);
  return user;
}

/** Applies a checked edit of an existing account; returns whether anything changed. */
export async function applyStaffEdit(actor: AuditActor, user: User, input: StaffAccountConfig, t: Transaction, action: "updated" | "imported" = "updated"): Promise<boolean> {
  const oldDepartment = user.departmentId ? await Department.findByPk(user.departmentId, { transaction: t }) : null;
  const detail = describeChanges(toStaffConfig(user, oldDepartment?.code ?? null) as unknown as Record<string, unknown>, input as unknown as Record<string, unknown>, {
    name: STAFF_FIELD_LABELS.name,
    mobile: STAFF_FIELD_LABELS.mobile,
    email: STAFF_FIELD_LABELS.email,
    department: STAFF_FIELD_LABELS.department,
    roles: STAFF_FIELD_LABELS.roles,
  });
  if (!detail) return false;
  const department = input.department ? await Department.findOne({ where: { code: input.department }, transaction: t }) : null;
  const movedOrDemoted = department?.id !== (user.departmentId ?? undefined) || (user.roles ?? [user.role]).some((r) => !input.roles.includes(r as StaffRole));
  await user.update(
    { name: input.name, mobile: input.mobile ?? null, email: input.email ?? null, departmentId: department?.id ?? null, roles: [...input.roles] },
    { transaction: t },
  );
  // A user moved to another department or stripped of a role must not keep acting with the old scope.
  if (movedOrDemoted) await revokeUserSessions(user.id, t);
  await recordAudit(t, actor, action, "user", user.username, detail);
  return true;
}

export async function createStaff(user: CurrentUser, raw: Parameters<typeof normalizeStaff>[0]): Promise<TemporaryCredential> {
  const actor = requireCenterAdmin(user);
  const input = normalizeStaff(raw);
  const early = validateAgainst("staff-account.schema.json", input);
  if (early.length) throw invalidInput(await staffErrors(input));
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const created = await sequelize.transaction(async (t) => {
    const errors = await staffErrors(input, t);
    if (errors.length) throw invalidInput(errors);
    return insertStaff(actor, input, passwordHash, t);
  });
  return { username: created.username, name: created.name, password };
}

async function staffByUsername(username: string, t: Transaction): Promise<User> {
  const user = await User.findOne({ where: { username }, transaction: t });
  if (!user || !STAFF_ROLES.includes(user.role)) throw new UserError(`工作人员账号 ${username} 不存在`, 404);
  return user;
}

/** Edits name, mobile, e-mail, department and roles; the username never changes. */
export async function updateStaff(user: CurrentUser, username: string, raw: Parameters<typeof normalizeStaff>[0]): Promise<void> {
  const actor = requireCenterAdmin(user);
  const input = normalizeStaff({ ...raw, username });
  await sequelize.transaction(async (t) => {
    const existing = await staffByUsername(username, t);
    const errors = await staffErrors(input, t, existing);
    if (errors.length) throw invalidInput(errors);
    await applyStaffEdit(actor, existing, input, t);
  });
}

/** Disables (every open session ends at once) or enables an account; the last active center admin stays. */
export async function setStaffActive(user: CurrentUser, username: string, active: boolean): Promise<void> {
  const actor = requireCenterAdmin(user);
  await sequelize.transaction(async (t) => {
    const target = await staffByUsername(username, t);
    if (target.active === active) return;
    if (!active && (target.roles ?? [target.role]).includes("center_admin") && (await activeCenterAdmins(t, target.id)) === 0) {
      throw new UserError("这是最后一个在用的政务服务中心管理员，不能停用（请先开设另一个管理员）", 409);
    }
    await target.update({ active }, { transaction: t });
    if (!active) await revokeUserSessions(target.id, t);
    await recordAudit(t, actor, active ? "enabled" : "disabled", "user", username, target.name);
  });
}

/** A new one-time password, shown once to the center; the user's sessions end and the next login must change it. */
export async function resetStaffPassword(user: CurrentUser, username: string): Promise<TemporaryCredential> {
  const actor = requireCenterAdmin(user);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return sequelize.transaction(async (t) => {
    const target = await staffByUsername(username, t);
    await target.update({ passwordHash, mustChangePassword: true }, { transaction: t });
    await revokeUserSessions(target.id, t);
    await recordAudit(t, actor, "password_reset", "user", username, target.name);
    return { username, name: target.name, password };
  });
}
