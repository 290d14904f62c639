import { Department, OrgUnit } from "~/org/models.server";
import type { Scope } from "./dashboard.server";

/** "全县", a department's name, or a town's name, for headings and exported sheets. */
export async function scopeLabel(scope: Scope): Promise<string> {
  const parts: string[] = [];
  if (scope.departmentId != null) parts.push((await Department.findByPk(scope.departmentId))?.name ?? "");
  if (scope.orgUnitId != null) parts.push((await OrgUnit.findByPk(scope.orgUnitId))?.name ?? "");
  return parts.filter(Boolean).join(" · ") || "全县";
}
