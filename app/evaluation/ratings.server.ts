/**
 * 好差评 ratings. The only write is the applicant's one rating of a completed case (rateCase); there is
 * deliberately no update or delete here, and the model refuses both (see models.server).
 */
import { fn, col, literal, UniqueConstraintError } from "sequelize";
import { chinaDate, chinaDateTime } from "~/calendar/china-time";
import { loadCalendar } from "~/calendar/service.server";
import { addWorkingDays } from "~/calendar/workdays";
import { CaseActionError, withCaseTransaction } from "~/cases/case-transaction.server";
import { Case } from "~/cases/models.server";
import { now as clockNow } from "~/clock.server";
import { APPLICANT_ROLES, hasRole } from "~/identity/roles";
import type { CurrentUser } from "~/identity/session.server";
import { departmentNames } from "~/org/names.server";
import { Department } from "~/org/models.server";
import { BAD_REASONS, FOLLOW_UP_STATE_LABELS, FOLLOW_UP_WORKING_DAYS, SUB_RATINGS, isBadLevel, levelLabel, parseRating } from "./labels";
import { CaseRating, RatingFollowUp } from "./models.server";
import { requireOverseer } from "./scope.server";

export const ALREADY_RATED = "该办件已评价，一事一评，不能重复评价";

/**
 * The applicant rates their completed case, once. A 差评 (level ≤ 2) opens a follow-up for the lead department
 * due in 5 working days, in the same transaction. The case row's lock serializes two attempts at once and the
 * unique key on case_id is the last word.
 */
export async function rateCase(user: CurrentUser, caseId: number, raw: Record<string, unknown>, now = clockNow()): Promise<CaseRating> {
  if (!hasRole(user, APPLICANT_ROLES)) throw new CaseActionError("只有申请人本人可以评价办件", 403);
  try {
    return await withCaseTransaction(caseId, async (kase, t) => {
      if (kase.applicantId !== user.id) throw new CaseActionError("只有申请人本人可以评价办件", 403);
      if (kase.state !== "completed") throw new CaseActionError("办件办结后才能评价");
      if ((await CaseRating.count({ where: { caseId }, transaction: t })) > 0) throw new CaseActionError(ALREADY_RATED, 409);
      const parsed = parseRating(raw, kase.channel === "online");
      if ("errors" in parsed) throw new CaseActionError("评价未提交，请修改以下内容", 400, parsed.errors);
      const rating = await CaseRating.create(
        { caseId, applicantId: user.id, departmentId: kase.leadDepartmentId, itemId: kase.itemId, ...parsed.value, createdAt: now },
        { transaction: t },
      );
      if (isBadLevel(rating.level)) {
        const openedOn = chinaDate(now);
        const deadline = addWorkingDays(openedOn, FOLLOW_UP_WORKING_DAYS, await loadCalendar(t));
        // The department is not sent an SMS: follow-ups show on its workbench.
        await RatingFollowUp.create(
          { ratingId: rating.id, caseId, departmentId: kase.leadDepartmentId, state: "open", openedOn, deadline, calledBy: null, calledByName: null, calledAt: null, callNote: null, resolvedBy: null, resolvedByName: null, resolvedAt: null, resolution: null, createdAt: now },
          { transaction: t },
        );
      }
      return rating;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw new CaseActionError(ALREADY_RATED, 409);
    throw error;
  }
}

export interface RatingView {
  id: number;
  level: number;
  levelLabel: string;
  bad: boolean;
  scores: Array<{ label: string; value: number | null }>;
  comment: string | null;
  reasonLabel: string | null;
  reason: string | null;
  ratedAt: string;
}

export function ratingView(r: CaseRating): RatingView {
  return {
    id: r.id,
    level: r.level,
    levelLabel: levelLabel(r.level),
    bad: isBadLevel(r.level),
    scores: SUB_RATINGS.map((s) => ({ label: s.label, value: r[s.key] })),
    comment: r.comment,
    reasonLabel: r.reasonCategory ? BAD_REASONS[r.reasonCategory] ?? r.reasonCategory : null,
    reason: r.reason,
    ratedAt: chinaDateTime(r.createdAt),
  };
}

/** What the applicant's case page shows: the form while the case is completed and unrated, then the rating. */
export async function applicantRating(user: CurrentUser, caseId: number) {
  const kase = await Case.findOne({ where: { id: caseId, applicantId: user.id }, attributes: ["id", "state", "channel"] });
  if (!kase) throw new CaseActionError("办件不存在", 404);
  const rating = await CaseRating.findOne({ where: { caseId } });
  const followUp = rating ? await RatingFollowUp.findOne({ where: { ratingId: rating.id } }) : null;
  return {
    canRate: kase.state === "completed" && !rating,
    online: kase.channel === "online",
    rating: rating ? ratingView(rating) : null,
    followUp: followUp
      ? { stateLabel: FOLLOW_UP_STATE_LABELS[followUp.state], deadline: followUp.deadline, resolution: followUp.state === "resolved" ? followUp.resolution : null }
      : null,
  };
}

export interface RatingFilter {
  departmentId?: number;
  /** "bad" for 差评 only. */
  kind?: "bad";
}

/** Ratings for supervisors and the center, newest first, read-only. */
export async function ratingsForOverseer(user: CurrentUser, filter: RatingFilter = {}, limit = 200) {
  requireOverseer(user);
  const where: Record<string, unknown> = {};
  if (filter.departmentId) where.departmentId = filter.departmentId;
  if (filter.kind === "bad") where.level = [1, 2];
  const ratings = await CaseRating.findAll({ where, order: [["id", "DESC"]], limit });
  const cases = new Map(
    (await Case.findAll({ where: { id: ratings.map((r) => r.caseId) }, attributes: ["id", "trackingNumber", "itemId"] })).map((c) => [c.id, c]),
  );
  const names = await departmentNames();
  return ratings.map((r) => ({
    ...ratingView(r),
    caseId: r.caseId,
    trackingNumber: cases.get(r.caseId)?.trackingNumber ?? "",
    department: names.get(r.departmentId) ?? "",
  }));
}

export interface DepartmentRatingStats {
  departmentId: number;
  department: string;
  ratings: number;
  bad: number;
  satisfied: number;
  /** 服务满意率 in percent with one decimal, or null without ratings. */
  satisfaction: number | null;
  openFollowUps: number;
  overdueFollowUps: number;
}

/** Per department: ratings, 差评, 服务满意率 (ratings ≥ 3 / ratings), open and overdue follow-ups. */
export async function departmentRatingStats(user: CurrentUser, now = clockNow()): Promise<DepartmentRatingStats[]> {
  requireOverseer(user);
  const today = chinaDate(now);
  const rows = (await CaseRating.findAll({
    attributes: [
      "departmentId",
      [fn("COUNT", col("id")), "total"],
      [literal("SUM(CASE WHEN level <= 2 THEN 1 ELSE 0 END)"), "bad"],
      [literal("SUM(CASE WHEN level >= 3 THEN 1 ELSE 0 END)"), "satisfied"],
    ],
    group: ["departmentId"],
    raw: true,
  })) as unknown as Array<{ departmentId: number; total: number | string; bad: number | string; satisfied: number | string }>;
  const followUps = (await RatingFollowUp.findAll({
    attributes: [
      "departmentId",
      [literal("SUM(CASE WHEN state <> 'resolved' THEN 1 ELSE 0 END)"), "open"],
      [literal(`SUM(CASE WHEN state <> 'resolved' AND deadline < '${today}' THEN 1 ELSE 0 END)`), "overdue"],
    ],
    group: ["departmentId"],
    raw: true,
  })) as unknown as Array<{ departmentId: number; open: number | string; overdue: number | string }>;
  const byDept = new Map(followUps.map((f) => [Number(f.departmentId), f]));
  const departments = await Department.findAll({ attributes: ["id", "name"], order: [["id", "ASC"]] });
  const stats = new Map(rows.map((r) => [Number(r.departmentId), r]));
  return departments
    .filter((d) => stats.has(d.id) || byDept.has(d.id))
    .map((d) => {
      const r = stats.get(d.id);
      const f = byDept.get(d.id);
      const total = Number(r?.total ?? 0);
      const satisfied = Number(r?.satisfied ?? 0);
      return {
        departmentId: d.id,
        department: d.name,
        ratings: total,
        bad: Number(r?.bad ?? 0),
        satisfied,
        satisfaction: total ? Math.round((satisfied / total) * 1000) / 10 : null,
        openFollowUps: Number(f?.open ?? 0),
        overdueFollowUps: Number(f?.overdue ?? 0),
      };
    });
}
