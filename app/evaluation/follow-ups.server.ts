/**
 * 差评整改: the lead department calls the applicant back (回访记录), then reports what it changed (整改结果),
 * within 5 working days of the rating. Departments see and work their own follow-ups; supervisors and the
 * center read all of them.
 */
import { literal, Op, type WhereOptions } from "sequelize";
import { chinaDate, chinaDateTime } from "~/calendar/china-time";
import { loadCalendar } from "~/calendar/service.server";
import { CaseActionError } from "~/cases/case-transaction.server";
import { clockLight, LIGHT_LABELS, type Light } from "~/cases/clock";
import { Case } from "~/cases/models.server";
import { shortTrackingNumber } from "~/cases/tracking-number";
import { ServiceItem } from "~/catalog/models.server";
import { now as clockNow } from "~/clock.server";
import { maskMobile } from "~/identity/id-card";
import type { CurrentUser } from "~/identity/session.server";
import { departmentNames } from "~/org/names.server";
import { FOLLOW_UP_STATE_LABELS, FOLLOW_UP_STATES, followUpTextError, type FollowUpState } from "./labels";
import { CaseRating, RatingFollowUp } from "./models.server";
import { ratingView, type RatingView } from "./ratings.server";
import { FOLLOW_UP_STAFF_ROLES, followUpScope } from "./scope.server";
import { hasRole } from "~/identity/roles";

export type FollowUpStateFilter = FollowUpState | "overdue" | "pending";

export interface FollowUpFilter {
  /** Overseers only; department staff always see their own department. */
  departmentId?: number;
  state?: FollowUpStateFilter;
}

export function parseFollowUpFilter(params: URLSearchParams): FollowUpFilter {
  const filter: FollowUpFilter = {};
  const department = Number(params.get("department"));
  if (Number.isSafeInteger(department) && department > 0) filter.departmentId = department;
  const state = params.get("state") ?? "";
  if ((FOLLOW_UP_STATES as readonly string[]).includes(state) || state === "overdue" || state === "pending") filter.state = state as FollowUpStateFilter;
  return filter;
}

export interface FollowUpRow {
  id: number;
  caseId: number;
  shortNumber: string;
  trackingNumber: string;
  itemName: string;
  department: string;
  applicantName: string;
  applicantMobile: string;
  rating: RatingView;
  state: FollowUpState;
  stateLabel: string;
  openedOn: string;
  deadline: string;
  light: Light;
  lightLabel: string;
  overdue: boolean;
  calledByName: string | null;
  calledAt: string | null;
  callNote: string | null;
  resolvedByName: string | null;
  resolvedAt: string | null;
  resolution: string | null;
  /** Resolved, but after the deadline. */
  resolvedLate: boolean;
}

/** Unresolved first, the nearest deadline on top; resolved ones after, most recent first. */
const ORDER = [
  [literal("CASE WHEN state = 'resolved' THEN 1 ELSE 0 END"), "ASC"],
  ["deadline", "ASC"],
  ["id", "ASC"],
] as const;

export async function listFollowUps(user: CurrentUser, filter: FollowUpFilter = {}, now = clockNow(), limit = 200): Promise<FollowUpRow[]> {
  const scope = followUpScope(user);
  const today = chinaDate(now);
  const where: WhereOptions = {};
  const departmentId = scope.departmentId ?? filter.departmentId;
  if (departmentId) Object.assign(where, { departmentId });
  if (filter.state === "overdue") Object.assign(where, { state: { [Op.ne]: "resolved" }, deadline: { [Op.lt]: today } });
  else if (filter.state === "pending") Object.assign(where, { state: { [Op.ne]: "resolved" } });
  else if (filter.state) Object.assign(where, { state: filter.state });
  const followUps = await RatingFollowUp.findAll({ where, order: ORDER as never, limit });
  return rows(followUps, today);
}

async function rows(followUps: RatingFollowUp[], today: string): Promise<FollowUpRow[]> {
  if (!followUps.length) return [];
  const [ratings, cases, names, calendar] = await Promise.all([
    CaseRating.findAll({ where: { id: followUps.map((f) => f.ratingId) } }),
    Case.findAll({ where: { id: followUps.map((f) => f.caseId) }, attributes: ["id", "trackingNumber", "itemId", "applicantName", "applicantMobile"] }),
    departmentNames(),
    loadCalendar(),
  ]);
  const ratingById = new Map(ratings.map((r) => [r.id, r]));
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const items = new Map(
    (await ServiceItem.findAll({ where: { id: [...new Set(cases.map((c) => c.itemId))] }, attributes: ["id", "name"] })).map((i) => [i.id, i.name]),
  );
  return followUps.map((f) => {
    const kase = caseById.get(f.caseId)!;
    const resolved = f.state === "resolved";
    const light = clockLight({ start: f.openedOn, due: f.deadline, today, paused: false, running: !resolved }, calendar);
    return {
      id: f.id,
      caseId: f.caseId,
      shortNumber: shortTrackingNumber(kase.trackingNumber),
      trackingNumber: kase.trackingNumber,
      itemName: items.get(kase.itemId) ?? "",
      department: names.get(f.departmentId) ?? "",
      applicantName: kase.applicantName,
      applicantMobile: maskMobile(kase.applicantMobile),
      rating: ratingView(ratingById.get(f.ratingId)!),
      state: f.state,
      stateLabel: FOLLOW_UP_STATE_LABELS[f.state],
      openedOn: f.openedOn,
      deadline: f.deadline,
      light,
      lightLabel: LIGHT_LABELS[light],
      overdue: !resolved && today > f.deadline,
      calledByName: f.calledByName,
      calledAt: f.calledAt ? chinaDateTime(f.calledAt) : null,
      callNote: f.callNote,
      resolvedByName: f.resolvedByName,
      resolvedAt: f.resolvedAt ? chinaDateTime(f.resolvedAt) : null,
      resolution: f.resolution,
      resolvedLate: resolved && f.resolvedAt != null && chinaDate(f.resolvedAt) > f.deadline,
    };
  });
}

/** The follow-up, if this user's department owns it and may work it; 404 otherwise (ids cannot be probed). */
async function ownFollowUp(user: CurrentUser, id: number): Promise<RatingFollowUp> {
  if (!hasRole(user, FOLLOW_UP_STAFF_ROLES) || user.departmentId == null) throw new CaseActionError("只有被评价部门的工作人员可以办理整改", 403);
  const followUp = await RatingFollowUp.findOne({ where: { id, departmentId: user.departmentId } });
  if (!followUp) throw new CaseActionError("整改记录不存在或不属于本部门", 404);
  return followUp;
}

/**
 * Moves a follow-up from `from` only if nobody changed it since it was read (state and row version in the
 * WHERE clause); a lost race reads the row again and explains what happened.
 */
async function advance(followUp: RatingFollowUp, from: FollowUpState, changes: Partial<RatingFollowUp["_attributes"]>): Promise<void> {
  const [count] = await RatingFollowUp.update(
    { ...changes, version: followUp.version + 1 },
    { where: { id: followUp.id, state: from, version: followUp.version } },
  );
  if (count !== 1) {
    const current = await RatingFollowUp.findByPk(followUp.id);
    throw new CaseActionError(`该整改已由他人更新（当前状态：${FOLLOW_UP_STATE_LABELS[current!.state]}），请刷新后查看`, 409);
  }
}

const DATETIME_LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/** "2026-11-27T10:30" typed in China time → the instant, or null when it is not such a value. */
function chinaLocalInstant(value: string): Date | null {
  const match = DATETIME_LOCAL.exec(value);
  if (!match) return null;
  const instant = new Date(`${match[1]}T${match[2]}:${match[3]}:00+08:00`);
  return Number.isNaN(instant.getTime()) || chinaDate(instant) !== match[1] ? null : instant;
}

/** 记录回访: who called (the signed-in staff member), when, and what the applicant said. */
export async function recordCallBack(user: CurrentUser, id: number, input: { note: string; calledAt?: string }, now = clockNow()): Promise<void> {
  const followUp = await ownFollowUp(user, id);
  const errors: Array<{ path: string; message: string }> = [];
  const noteError = followUpTextError(input.note, "回访情况");
  if (noteError) errors.push({ path: "note", message: noteError });
  let calledAt = now;
  if (input.calledAt?.trim()) {
    const typed = chinaLocalInstant(input.calledAt.trim());
    if (!typed) errors.push({ path: "calledAt", message: "请填写正确的回访时间" });
    else if (typed.getTime() > now.getTime() + 60_000) errors.push({ path: "calledAt", message: "回访时间不能晚于现在" });
    else if (typed.getTime() < followUp.createdAt.getTime() - 60_000) errors.push({ path: "calledAt", message: "回访时间不能早于评价时间" });
    else calledAt = typed;
  }
  if (errors.length) throw new CaseActionError("回访记录未保存，请修改以下内容", 400, errors);
  if (followUp.state !== "open") throw new CaseActionError("该差评已记录回访", 409);
  await advance(followUp, "open", { state: "called_back", calledBy: user.id, calledByName: user.name, calledAt, callNote: input.note.trim() });
}

/** 提交整改结果: after the call-back, what the department changed; closes the follow-up. */
export async function recordResolution(user: CurrentUser, id: number, input: { resolution: string }, now = clockNow()): Promise<void> {
  const followUp = await ownFollowUp(user, id);
  const error = followUpTextError(input.resolution, "整改结果");
  if (error) throw new CaseActionError("整改结果未保存，请修改以下内容", 400, [{ path: "resolution", message: error }]);
  if (followUp.state === "open") throw new CaseActionError("请先记录回访，再提交整改结果");
  if (followUp.state === "resolved") throw new CaseActionError("该差评已提交整改结果", 409);
  await advance(followUp, "called_back", { state: "resolved", resolvedBy: user.id, resolvedByName: user.name, resolvedAt: now, resolution: input.resolution.trim() });
}
