import type { Transaction } from "sequelize";
import { now as clockNow } from "~/clock.server";
import type { CurrentUser } from "~/identity/session.server";
import { enqueueSms } from "~/notify/outbox.server";
import { pinnedVersion, transitionContext } from "./case-context.server";
import { CaseActionError, saveCase, withCaseTransaction } from "./case-transaction.server";
import { recordEvent } from "./events.server";
import { DECISION_LABELS, OPINION_LABELS, joinOpinions, transition, type ActorKind, type Opinion } from "./lifecycle";
import { ReviewTask, type Case } from "./models.server";
import { hasRole } from "~/identity/roles";

interface OpinionRecord {
  opinion: Opinion;
  reason: string | null;
  /** The reviewer, or null when the scheduler deems consent. */
  reviewer: CurrentUser | null;
}

/**
 * Records one department's opinion inside the case transaction and, when it is the last one, runs the join.
 * Reads the tasks with a locking read after the case row lock, so the last two opinions never both see the
 * other one as pending.
 */
async function recordOpinion(kase: Case, departmentId: number, record: OpinionRecord, actor: ActorKind, now: Date, t: Transaction): Promise<Case> {
  const tasks = await ReviewTask.findAll({ where: { caseId: kase.id }, order: [["id", "ASC"]], transaction: t, lock: t.LOCK.UPDATE });
  const mine = tasks.find((task) => task.departmentId === departmentId);
  if (!mine) throw new CaseActionError("本部门不参与此办件的审查", 403);
  if (mine.state === "done") {
    // A retry of the same opinion by the same reviewer changes nothing.
    if (record.reviewer && mine.reviewerId === record.reviewer.id && mine.opinion === record.opinion) return kase;
    throw new CaseActionError("本部门已提交审查意见，不能重复提交");
  }
  const joinAfter = joinOpinions(tasks.map((task) => (task.id === mine.id ? record.opinion : task.opinion)));
  const version = await pinnedVersion(kase, t);
  const event = actor === "system" ? ({ type: "deem", joinAfter } as const) : ({ type: "opinion", opinion: record.opinion, reason: record.reason ?? undefined, joinAfter } as const);
  const result = transition(kase.state, event, actor, transitionContext(kase, version));
  if (!result.ok) throw new CaseActionError(result.message);

  const [affected] = await ReviewTask.update(
    {
      state: "done",
      opinion: record.opinion,
      comment: record.reason,
      reviewerId: record.reviewer?.id ?? null,
      deemed: actor === "system",
      decidedAt: now,
      version: mine.version + 1,
    },
    { where: { id: mine.id, version: mine.version }, transaction: t },
  );
  if (affected !== 1) throw new CaseActionError("审查任务已被他人同时处理，请刷新");
  const from = kase.state;
  await recordEvent(t, {
    caseId: kase.id,
    type: event.type,
    actor: record.reviewer ?? null,
    fromState: from,
    toState: result.to,
    note:
      actor === "system"
        ? `${mine.task}：逾期未答复，视为同意（超时默许）`
        : `${mine.task}：${OPINION_LABELS[record.opinion]}${record.reason ? `（${record.reason}）` : ""}`,
  });
  if (joinAfter === "pending") {
    await saveCase(kase, {}, t);
    return kase;
  }
  await saveCase(kase, { state: result.to, joinOutcome: joinAfter }, t);
  await recordEvent(t, {
    caseId: kase.id,
    type: "join",
    actor: null,
    fromState: from,
    toState: result.to,
    note: `各部门审查完毕，意见汇总为${DECISION_LABELS[joinAfter]}，待牵头部门作出决定`,
  });
  await enqueueSms(t, {
    recipient: kase.applicantMobile,
    caseId: kase.id,
    template: "case_reviewed",
    payload: { item: version.item.name, tracking: kase.trackingNumber },
  });
  return kase;
}

export interface OpinionInput {
  caseId: number;
  opinion: Opinion;
  reason?: string;
}

/** A department's parallel-review opinion; 不同意 and 转报 need a reason. */
export async function giveOpinion(user: CurrentUser, input: OpinionInput, now = clockNow()): Promise<Case> {
  if (!hasRole(user, "reviewer") || user.departmentId == null) throw new CaseActionError("只有审批人员可以提交审查意见", 403);
  const departmentId = user.departmentId;
  return withCaseTransaction(input.caseId, (kase, t) =>
    recordOpinion(kase, departmentId, { opinion: input.opinion, reason: input.reason?.trim() || null, reviewer: user }, "task_reviewer", now, t),
  );
}

/**
 * 超时默许: the co-department's task is deemed 同意 when its deadline passed without an answer, if the
 * workflow says so. Safe to call any number of times, from any number of processes: only the first call
 * that finds the task still pending after taking the case lock changes anything.
 */
export async function deemConsent(taskId: number, today: string, now: Date): Promise<boolean> {
  const task = await ReviewTask.findByPk(taskId);
  if (!task) return false;
  return withCaseTransaction(task.caseId, async (kase, t) => {
    const current = await ReviewTask.findByPk(taskId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!current || current.state !== "pending" || current.role !== "co" || current.dueDate >= today || kase.state !== "reviewing") return false;
    const version = await pinnedVersion(kase, t);
    if (!version.workflow.deemedConsent) return false;
    await recordOpinion(kase, current.departmentId, { opinion: "agree", reason: null, reviewer: null }, "system", now, t);
    return true;
  });
}
