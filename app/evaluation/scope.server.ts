import { CaseActionError } from "~/cases/case-transaction.server";
import type { CurrentUser } from "~/identity/session.server";
import { hasRole, type Role } from "~/identity/roles";

/** Read everything, change nothing: electronic supervision and the service center. */
export const OVERSEER_ROLES: readonly Role[] = ["supervisor", "center_admin"];
/** Department staff who work their own department's follow-ups. */
export const FOLLOW_UP_STAFF_ROLES: readonly Role[] = ["reviewer", "dept_admin"];

export function requireOverseer(user: CurrentUser): void {
  if (!hasRole(user, OVERSEER_ROLES)) throw new CaseActionError("您没有权限查看评价统计", 403);
}

/** Which follow-ups a user may see: one department's, or (overseers) all of them. */
export function followUpScope(user: CurrentUser): { departmentId: number | null } {
  if (hasRole(user, OVERSEER_ROLES)) return { departmentId: null };
  if (hasRole(user, FOLLOW_UP_STAFF_ROLES) && user.departmentId != null) return { departmentId: user.departmentId };
  throw new CaseActionError("您没有权限查看差评整改", 403);
}
