import { CaseActionError } from "~/cases/case-transaction.server";
import type { Role } from "~/identity/roles";
import type { CurrentUser } from "~/identity/session.server";

/** Read everything, change nothing: electronic supervision and the service center. */
export const OVERSEER_ROLES: readonly Role[] = ["supervisor", "center_admin"];
/** Department staff who work their own department's follow-ups. */
export const FOLLOW_UP_STAFF_ROLES: readonly Role[] = ["reviewer", "dept_admin"];

export function requireOverseer(user: CurrentUser): void {
  if (!OVERSEER_ROLES.includes(user.role)) throw new CaseActionError("您没有权限查看评价统计", 403);
}

/** Which follow-ups a user may see: one department's, or (overseers) all of them. */
export function followUpScope(user: CurrentUser): { departmentId: number | null } {
  if (OVERSEER_ROLES.includes(user.role)) return { departmentId: null };
  if (FOLLOW_UP_STAFF_ROLES.includes(user.role) && user.departmentId != null) return { departmentId: user.departmentId };
  throw new CaseActionError("您没有权限查看差评整改", 403);
}
