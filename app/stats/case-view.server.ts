/**
 * A case as supervision reads it (read-only): who leads it, its clock and light, the review tasks and the
 * timeline. Open to overseers and to the staff of the case's lead department; others get 404, so case ids
 * cannot be probed.
 */
import { chinaDateTime } from "~/calendar/china-time";
import { CASE_STATE_LABELS, OPINION_LABELS, type CaseState } from "~/cases/lifecycle";
import { Case, CaseEvent, ReviewTask } from "~/cases/models.server";
import { summaries } from "~/cases/queries.server";
import type { CurrentUser } from "~/identity/session.server";
import { departmentNames } from "~/org/names.server";
import { CHANNEL_LABELS } from "./dashboard.server";
import { isOverseer } from "./access.server";
import { hasRole } from "~/identity/roles";

export async function supervisedCase(user: CurrentUser, caseId: number, now: Date) {
  const kase = Number.isSafeInteger(caseId) ? await Case.findByPk(caseId) : null;
  if (!kase || !(isOverseer(user) || (user.departmentId != null && user.departmentId === kase.leadDepartmentId))) {
    throw new Response("办件不存在", { status: 404 });
  }
  const [[summary], departments, tasks, events] = await Promise.all([
    summaries([kase], now),
    departmentNames(),
    ReviewTask.findAll({ where: { caseId: kase.id }, order: [["id", "ASC"]] }),
    CaseEvent.findAll({ where: { caseId: kase.id }, order: [["id", "ASC"]] }),
  ]);
  return {
    case: { ...summary, department: departments.get(kase.leadDepartmentId) ?? "", channel: CHANNEL_LABELS[kase.channel] ?? kase.channel },
    /** Reviewers of the lead department may act on it in their workbench. */
    workbench: hasRole(user, "reviewer") && user.departmentId === kase.leadDepartmentId ? `/workbench/cases/${kase.id}` : null,
    tasks: tasks.map((t) => ({
      id: t.id,
      department: departments.get(t.departmentId) ?? "",
      task: t.task,
      state: t.state === "done" ? "已完成" : "待办",
      opinion: t.opinion ? OPINION_LABELS[t.opinion] : "—",
      dueDate: t.dueDate,
    })),
    events: events.map((e) => ({
      id: e.id,
      at: chinaDateTime(e.createdAt),
      actor: e.actorName,
      department: e.departmentId ? departments.get(e.departmentId) ?? "" : "",
      note: e.note ?? "",
      state: CASE_STATE_LABELS[e.toState as CaseState] ?? e.toState,
    })),
  };
}
