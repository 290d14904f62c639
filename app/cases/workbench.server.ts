import { Op, type WhereAttributeHashValue, type WhereOptions } from "sequelize";
import { chinaDate } from "~/calendar/china-time";
import { loadCalendar } from "~/calendar/service.server";
import { addWorkingDays } from "~/calendar/workdays";
import { now as clockNow } from "~/clock.server";
import { User } from "~/identity/models.server";
import type { CurrentUser } from "~/identity/session.server";
import { CaseActionError, withCaseTransaction } from "./case-transaction.server";
import { recordEvent } from "./events.server";
import type { CaseState } from "./lifecycle";
import { Case, ReviewTask } from "./models.server";
import { summaries, type CaseSummary } from "./queries.server";
import { accountHolds } from "~/identity/roles";

export const QUEUES = {
  accept: { label: "待受理", states: ["submitted"] as CaseState[] },
  review: { label: "待审查", states: [] as CaseState[] },
  lead: { label: "待决定、制证、送达", states: ["deciding", "decided", "certified", "delivered"] as CaseState[] },
  paused: { label: "补正中", states: ["supplementing", "suspended"] as CaseState[] },
  done: { label: "已办结", states: ["completed", "not_accepted", "withdrawn"] as CaseState[] },
};
export type QueueKey = keyof typeof QUEUES;
export const QUEUE_KEYS = Object.keys(QUEUES) as QueueKey[];

export interface QueueFilter {
  queue: QueueKey;
  /** "overdue": past the promised date; "soon": due within 2 working days. */
  due?: "overdue" | "soon";
  itemId?: number;
  /** Applicant name, or (part of) a tracking number in its long or short form. */
  q?: string;
  /** Only tasks claimed by or assigned to me (review queue). */
  mine?: boolean;
  page?: number;
}

export interface QueueRow extends CaseSummary {
  taskId: number | null;
  task: string | null;
  assignee: string | null;
}

export const PAGE_SIZE = 20;

type Staff = CurrentUser & { departmentId: number };

/** Parses the queue page's query string; anything unknown falls back to the default queue. */
export function parseQueueFilter(params: URLSearchParams): QueueFilter {
  const queue = QUEUE_KEYS.includes(params.get("queue") as QueueKey) ? (params.get("queue") as QueueKey) : "accept";
  const due = params.get("due");
  const itemId = Number(params.get("item"));
  const page = Number(params.get("page"));
  return {
    queue,
    due: due === "overdue" || due === "soon" ? due : undefined,
    itemId: Number.isSafeInteger(itemId) && itemId > 0 ? itemId : undefined,
    q: params.get("q")?.trim().slice(0, 50) || undefined,
    mine: params.get("mine") === "1",
    page: Number.isSafeInteger(page) && page > 0 ? page : 1,
  };
}

function caseConditions(filter: QueueFilter, today: string, soon: string): WhereOptions {
  const where: Record<string | symbol, unknown> = {};
  if (filter.due === "overdue") where.dueDate = { [Op.lt]: today };
  if (filter.due === "soon") where.dueDate = { [Op.between]: [today, soon] };
  if (filter.itemId) where.itemId = filter.itemId;
  if (filter.q) {
    const digits = filter.q.replace(/-/g, "");
    where[Op.or] = [{ applicantName: { [Op.like]: `%${filter.q}%` } }, { trackingNumber: { [Op.like]: `%${digits}%` } }];
  }
  return where;
}

/**
 * One page of a department's queue, ordered by due date. Lead-department queues read `cases` through the
 * (lead_department_id, state, due_date) index; the review queue reads `review_tasks` through
 * (department_id, state, due_date) and then its cases by id.
 */
export async function departmentQueue(user: Staff, filter: QueueFilter, now = clockNow()): Promise<{ rows: QueueRow[]; hasMore: boolean }> {
  const today = chinaDate(now);
  const soon = addWorkingDays(today, 2, await loadCalendar());
  const page = filter.page ?? 1;
  const conditions = caseConditions(filter, today, soon);
  const names = async (ids: Array<number | null>) =>
    new Map((await User.findAll({ where: { id: ids.filter((i): i is number => i != null) }, attributes: ["id", "name"] })).map((u) => [u.id, u.name]));

  if (filter.queue === "review") {
    const hasCaseFilter = Boolean(filter.itemId || filter.q);
    const taskWhere: Record<string, unknown> = { departmentId: user.departmentId, state: "pending" };
    if (filter.mine) taskWhere.assigneeId = user.id;
    if (filter.due) taskWhere.dueDate = (conditions as Record<string, unknown>).dueDate;
    const tasks = await ReviewTask.findAll({
      where: taskWhere,
      order: [["dueDate", "ASC"], ["id", "ASC"]],
      // Item and text filters apply to the case: read tasks in larger slices and filter by case.
      limit: hasCaseFilter ? 2000 : PAGE_SIZE + 1,
      offset: hasCaseFilter ? 0 : (page - 1) * PAGE_SIZE,
    });
    const caseWhere: Record<string | symbol, unknown> = { id: tasks.map((t) => t.caseId) };
    if (filter.itemId) caseWhere.itemId = filter.itemId;
    if (filter.q) caseWhere[Op.or] = (conditions as Record<symbol, unknown>)[Op.or];
    const cases = new Map((await Case.findAll({ where: caseWhere })).map((c) => [c.id, c]));
    const matching = tasks.filter((t) => cases.has(t.caseId));
    const slice = hasCaseFilter ? matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE + 1) : matching;
    const shown = slice.slice(0, PAGE_SIZE);
    const byId = new Map((await summaries(shown.map((t) => cases.get(t.caseId)!), now)).map((s) => [s.id, s]));
    const assignees = await names(shown.map((t) => t.assigneeId));
    return {
      rows: shown.map((t) => ({ ...byId.get(t.caseId)!, taskId: t.id, task: t.task, assignee: t.assigneeId ? assignees.get(t.assigneeId) ?? null : null })),
      hasMore: slice.length > PAGE_SIZE,
    };
  }

  const done = filter.queue === "done";
  const cases = await Case.findAll({
    where: { leadDepartmentId: user.departmentId, state: QUEUES[filter.queue].states, ...conditions },
    order: done ? [["id", "DESC"]] : [["dueDate", "ASC"], ["id", "ASC"]],
    limit: PAGE_SIZE + 1,
    offset: (page - 1) * PAGE_SIZE,
  });
  const shown = cases.slice(0, PAGE_SIZE);
  return {
    rows: (await summaries(shown, now)).map((s) => ({ ...s, taskId: null, task: null, assignee: null })),
    hasMore: cases.length > PAGE_SIZE,
  };
}

/** How many cases wait in each queue of the department. */
export async function queueCounts(user: Staff): Promise<Record<QueueKey, number>> {
  const rows = (await Case.count({ where: { leadDepartmentId: user.departmentId }, group: ["state"] })) as unknown as Array<{ state: CaseState; count: number }>;
  const byState = new Map(rows.map((r) => [r.state, Number(r.count)]));
  const sum = (states: CaseState[]) => states.reduce((n, s) => n + (byState.get(s) ?? 0), 0);
  return {
    accept: sum(QUEUES.accept.states),
    review: await ReviewTask.count({ where: { departmentId: user.departmentId, state: "pending" } }),
    lead: sum(QUEUES.lead.states),
    paused: sum(QUEUES.paused.states),
    done: sum(QUEUES.done.states),
  };
}

/**
 * A department's running work that is overdue or due within two working days: the cases it leads whose clock
 * runs (not paused for supplements, not finished) and its pending review tasks.
 */
export async function dueCounts(departmentId: number, now = clockNow()): Promise<{ overdue: number; soon: number }> {
  const today = chinaDate(now);
  const soon = addWorkingDays(today, 2, await loadCalendar());
  const running = [...QUEUES.accept.states, ...QUEUES.lead.states];
  const count = async (dueDate: WhereAttributeHashValue<string>) =>
    (await Case.count({ where: { leadDepartmentId: departmentId, state: running, dueDate } })) +
    (await ReviewTask.count({ where: { departmentId, state: "pending", dueDate } }));
  return { overdue: await count({ [Op.lt]: today }), soon: await count({ [Op.between]: [today, soon] }) };
}

/** Reviewers of the department, for assigning tasks. */
export async function departmentReviewers(user: Staff) {
  const staff = await User.findAll({ where: { departmentId: user.departmentId, active: true }, order: [["id", "ASC"]] });
  return staff.filter((u) => accountHolds(u, "reviewer")).map((r) => ({ id: r.id, name: r.name }));
}

/**
 * Claims (assignee = me) or assigns (assignee = a colleague) a pending task of my department. Claiming a task
 * already held by someone else is refused, so two reviewers cannot both believe they own it. Returns whether
 * anything changed.
 */
export async function assignTask(user: Staff, taskId: number, assigneeId: number): Promise<boolean> {
  const task = await ReviewTask.findByPk(taskId);
  if (!task || task.departmentId !== user.departmentId) throw new CaseActionError("审查任务不存在或不属于本部门", 404);
  const assignee = await User.findByPk(assigneeId);
  if (!assignee || !accountHolds(assignee, "reviewer") || !assignee.active || assignee.departmentId !== user.departmentId) throw new CaseActionError("只能指派给本部门的审批人员");
  const claiming = assigneeId === user.id;
  return withCaseTransaction(task.caseId, async (kase, t) => {
    const current = (await ReviewTask.findByPk(taskId, { transaction: t, lock: t.LOCK.UPDATE }))!;
    if (current.state !== "pending") throw new CaseActionError("该任务已办理完毕");
    if (current.assigneeId === assigneeId) return false;
    if (claiming && current.assigneeId != null) throw new CaseActionError("该任务已被本部门其他人员认领");
    const [affected] = await ReviewTask.update({ assigneeId, version: current.version + 1 }, { where: { id: taskId, version: current.version }, transaction: t });
    if (affected !== 1) throw new CaseActionError("审查任务已被他人同时处理，请刷新");
    await recordEvent(t, {
      caseId: kase.id,
      type: claiming ? "claim" : "assign",
      actor: user,
      fromState: kase.state,
      toState: kase.state,
      note: claiming ? `认领${current.task}任务` : `将${current.task}任务指派给${assignee.name}`,
    });
    return true;
  });
}

/** Bulk claim: safe because it only sets who works on unclaimed tasks; returns how many were newly claimed. */
export async function claimTasks(user: Staff, taskIds: number[]): Promise<number> {
  let claimed = 0;
  for (const id of [...new Set(taskIds)].slice(0, 100)) {
    try {
      if (await assignTask(user, id, user.id)) claimed++;
    } catch (error) {
      if (!(error instanceof CaseActionError)) throw error;
    }
  }
  return claimed;
}
