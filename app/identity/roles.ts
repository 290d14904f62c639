export const ROLES = ["citizen", "enterprise", "dept_admin", "reviewer", "center_admin", "supervisor", "window_clerk"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  citizen: "自然人",
  enterprise: "法人",
  dept_admin: "部门事项管理员",
  reviewer: "审批人员",
  center_admin: "政务服务中心",
  supervisor: "电子监察",
  window_clerk: "窗口工作人员",
};

export const APPLICANT_ROLES: readonly Role[] = ["citizen", "enterprise"];
export const STAFF_ROLES: readonly Role[] = ["dept_admin", "reviewer", "center_admin", "supervisor", "window_clerk"];
/** Staff at the 政务服务中心 windows who register cases for applicants who came in person (窗口收件). */
export const WINDOW_ROLES: readonly Role[] = ["window_clerk"];

/** Where each role lands after logging in. */
export const HOME_BY_ROLE: Record<Role, string> = {
  citizen: "/my/cases",
  enterprise: "/my/cases",
  dept_admin: "/studio",
  reviewer: "/workbench",
  center_admin: "/center",
  supervisor: "/supervision",
  window_clerk: "/window",
};

/** Whether a user holds any of the roles (a staff member may hold several within their department). */
export function hasRole(user: { roles: readonly Role[] }, roles: readonly Role[] | Role): boolean {
  const wanted = typeof roles === "string" ? [roles] : roles;
  return wanted.some((role) => user.roles.includes(role));
}

/** The same question of a stored account row (whose roles column may predate multiple roles). */
export function accountHolds(account: { role: Role; roles?: readonly Role[] | null }, role: Role): boolean {
  return (account.roles?.length ? account.roles : [account.role]).includes(role);
}

/** Roles the center can give staff; each but the center's own is held within one department. */
export const DEPARTMENT_SCOPED_ROLES: readonly Role[] = ["dept_admin", "reviewer", "window_clerk"];
