import { Op } from "sequelize";
import { runEvery } from "~/background.server";
import { chinaDate, chinaDateTime } from "~/calendar/china-time";
import { loadCalendar } from "~/calendar/service.server";
import { isWorkingDay } from "~/calendar/workdays";
import { dueCounts } from "~/cases/workbench.server";
import { now as clockNow } from "~/clock.server";
import { User } from "~/identity/models.server";
import { Department } from "~/org/models.server";
import { enqueueOnce, hallUrl } from "./outbox.server";
import { accountHolds, STAFF_ROLES, type Role } from "~/identity/roles";

/** Reminders go out from this time (China time) on working days. */
export const REMINDER_TIME = "08:30";

/**
 * Once a working day, each active reviewer whose department has overdue or soon-due work gets one reminder: by
 * e-mail when they have an address, else by SMS. The day and the reviewer make the message's dedupe key, so
 * however many processes run this, and however often, each reviewer gets at most one reminder a day.
 */
/** The day this process last enqueued the reminders: later rounds that day need not query again. */
let doneFor: string | null = null;

export async function sendReviewerReminders(now = clockNow()): Promise<void> {
  const today = chinaDate(now);
  if (today === doneFor || chinaDateTime(now).slice(11, 16) < REMINDER_TIME || !isWorkingDay(today, await loadCalendar())) return;
  // Staff may hold several roles: the reviewers are found among the department staff, not by the primary role.
  const staff = await User.findAll({
    where: { role: STAFF_ROLES as Role[], active: true, departmentId: { [Op.ne]: null }, [Op.or]: [{ email: { [Op.ne]: null } }, { mobile: { [Op.ne]: null } }] },
  });
  const reviewers = staff.filter((u) => accountHolds(u, "reviewer"));
  const byDepartment = new Map<number, User[]>();
  for (const reviewer of reviewers) byDepartment.set(reviewer.departmentId!, [...(byDepartment.get(reviewer.departmentId!) ?? []), reviewer]);
  const departments = new Map((await Department.findAll({ where: { id: [...byDepartment.keys()] } })).map((d) => [d.id, d.name]));
  const messages = [];
  for (const [departmentId, staff] of byDepartment) {
    const due = await dueCounts(departmentId, now);
    if (due.overdue + due.soon === 0) continue;
    for (const reviewer of staff) {
      messages.push({
        channel: reviewer.email ? ("email" as const) : ("sms" as const),
        recipient: reviewer.email ?? reviewer.mobile!,
        template: "reviewer_reminder" as const,
        payload: { name: reviewer.name, department: departments.get(departmentId) ?? "", overdue: String(due.overdue), soon: String(due.soon), link: `${hallUrl()}/workbench`, date: today },
        dedupeKey: `reminder:${today}:${reviewer.id}`,
      });
    }
  }
  await enqueueOnce(messages, now);
  doneFor = today;
}

/** Checks every `intervalMs` whether today's reminders are due; the dedupe keys make repeats no-ops. */
export function startReviewerReminders(intervalMs = 10 * 60_000): () => void {
  return runEvery("reminders", intervalMs, () => sendReviewerReminders());
}
