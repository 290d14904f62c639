/**
 * Who sees which statistics. Supervisors and the service center see everything (read-only). Department staff
 * (reviewer, dept_admin) may see their own department's scorecard, monthly report and its exports — the
 * numbers their annual assessment uses — and never another department's. Applicants see none.
 */
import { chinaDate } from "~/calendar/china-time";
import { now as clockNow } from "~/clock.server";
import { OVERSEER_ROLES } from "~/evaluation/scope.server";
import { requireRole, type CurrentUser } from "~/identity/session.server";
import { Department, OrgUnit } from "~/org/models.server";
import { parsePeriod, type Period } from "./period";
import type { Scope } from "./dashboard.server";
import { hasRole, type Role } from "~/identity/roles";

export const DEPARTMENT_STAFF: readonly Role[] = ["reviewer", "dept_admin"];
const STATS_ROLES: readonly Role[] = [...OVERSEER_ROLES, ...DEPARTMENT_STAFF];

export const isOverseer = (user: CurrentUser) => hasRole(user, OVERSEER_ROLES);

/** The county dashboard: overseers only (403 for anyone else; anonymous users go to the login page). */
export function requireDashboardViewer(request: Request): Promise<CurrentUser> {
  return requireRole(request, OVERSEER_ROLES);
}

/** A department's scorecard: overseers, or that department's own staff. */
export async function requireDepartmentViewer(request: Request, code: string): Promise<{ user: CurrentUser; department: Department }> {
  const user = await requireRole(request, STATS_ROLES);
  const department = await Department.findOne({ where: { code } });
  if (!department) throw new Response("部门不存在", { status: 404 });
  if (!isOverseer(user) && user.departmentId !== department.id) throw new Response("只能查看本部门的统计", { status: 403 });
  return { user, department };
}

export interface Filters {
  period: Period;
  periodError: string | null;
  scope: Scope;
  /** The codes as given, for the form and for links that keep the filters. */
  department: string;
  town: string;
  today: string;
  now: Date;
}

/** Period (`period`, `from`, `to`) and scope (`department` code, `town` org-unit code) from the query string. */
export async function parseFilters(params: URLSearchParams): Promise<Filters> {
  const now = clockNow();
  const today = chinaDate(now);
  const { period, error } = parsePeriod(params, today);
  const department = params.get("department")?.trim() ?? "";
  const town = params.get("town")?.trim() ?? "";
  const scope: Scope = { departmentId: null, orgUnitId: null };
  if (department) {
    const d = await Department.findOne({ where: { code: department } });
    if (!d) throw new Response("部门不存在", { status: 404 });
    scope.departmentId = d.id;
  }
  if (town) {
    const u = await OrgUnit.findOne({ where: { code: town } });
    if (!u) throw new Response("镇不存在", { status: 404 });
    scope.orgUnitId = u.id;
  }
  return { period, periodError: error, scope, department, town, today, now };
}

/** Exports follow the page they come from: a department's own staff may export only their department. */
export async function requireExportViewer(request: Request, filters: Filters): Promise<CurrentUser> {
  const user = await requireRole(request, STATS_ROLES);
  if (isOverseer(user)) return user;
  if (filters.scope.departmentId == null || filters.scope.departmentId !== user.departmentId) throw new Response("只能导出本部门的统计", { status: 403 });
  return user;
}

/** The query string that reproduces these filters (for export links and scorecard links). */
export function filterQuery(f: Pick<Filters, "period" | "department" | "town">, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (f.period.preset === "custom") {
    q.set("from", f.period.from);
    q.set("to", f.period.to);
  } else q.set("period", f.period.preset);
  if (f.department) q.set("department", f.department);
  if (f.town) q.set("town", f.town);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}
