import { Op } from "sequelize";
import { chinaDate } from "~/calendar/china-time";
import { now as clockNow } from "~/clock.server";
import { runEvery } from "~/background.server";
import { forgetOldCounters } from "~/db/rate-limit.server";
import { withCaseTransaction } from "./case-transaction.server";
import { recordEvent } from "./events.server";
import { CLOCK_RUNNING_STATES } from "./lifecycle";
import { Case, ReviewTask } from "./models.server";
import { deemConsent } from "./review.server";

export interface SweepReport {
  deemed: number;
  overdue: number;
}

const BATCH = 500;

/** Flags a case whose promised date passed while its clock ran; once, with a timeline entry. */
async function flagOverdue(caseId: number, today: string): Promise<boolean> {
  return withCaseTransaction(caseId, async (kase, t) => {
    if (kase.overdue || !CLOCK_RUNNING_STATES.includes(kase.state) || kase.dueDate >= today) return false;
    const [affected] = await Case.update({ overdue: true }, { where: { id: kase.id, overdue: false }, transaction: t });
    if (affected !== 1) return false;
    await recordEvent(t, { caseId: kase.id, type: "overdue", actor: null, fromState: kase.state, toState: kase.state, note: `超过承诺办结时限（${kase.dueDate}）` });
    return true;
  });
}

/**
 * Applies every deadline effect that is due at `now`: deemed consent for late co-departments, then overdue
 * flags. Each effect is its own case transaction and checks again under the case lock, so several processes
 * sweeping at once still apply each effect exactly once.
 */
export async function sweepDeadlines(now = clockNow()): Promise<SweepReport> {
  const today = chinaDate(now);
  const report: SweepReport = { deemed: 0, overdue: 0 };
  const lateTasks = await ReviewTask.findAll({
    attributes: ["id"],
    where: { state: "pending", role: "co", dueDate: { [Op.lt]: today } },
    order: [["dueDate", "ASC"], ["id", "ASC"]],
    limit: BATCH,
  });
  for (const task of lateTasks) if (await deemConsent(task.id, today, now)) report.deemed++;
  const lateCases = await Case.findAll({
    attributes: ["id"],
    where: { overdue: false, dueDate: { [Op.lt]: today }, state: [...CLOCK_RUNNING_STATES] },
    order: [["dueDate", "ASC"], ["id", "ASC"]],
    limit: BATCH,
  });
  for (const kase of lateCases) if (await flagOverdue(kase.id, today)) report.overdue++;
  await forgetOldCounters(now);
  return report;
}

/** Runs sweepDeadlines every `intervalMs` in this process (one sweep at a time); returns the stop function. */
export function startScheduler(intervalMs = 60_000): () => void {
  return runEvery("scheduler", intervalMs, () => sweepDeadlines());
}
