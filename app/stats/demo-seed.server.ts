/**
 * Known-count demo cases for electronic supervision: ten historical cases, written once into a fresh database
 * (no cases yet) by `npm start`'s prepare step, with consistent timelines, so every dashboard number can be
 * worked out by hand (README, "演示数据：电子监察"). Dates are relative to today (China time, the app clock):
 *
 * | # | item (department, 办理地)            | channel | submitted | outcome                                 | rating |
 * |---|-------------------------------------|---------|-----------|-----------------------------------------|--------|
 * | 1 | 公共场所卫生许可证核发 (wsjk, 县本级)   | online  | T−30      | completed the next day (on time)         | 5      |
 * | 2 | 公共场所卫生许可证核发                  | online  | T−28      | completed the next day (on time)         | 4      |
 * | 3 | 公共场所卫生许可证核发                  | window  | T−35      | completed 2 days after its due date (late) | 2 差评, follow-up open and overdue |
 * | 4 | 公共场所卫生许可证核发                  | online  | T−20      | 审查中, past its due date (red)             | —      |
 * | 5 | 建筑工程施工许可证核发 (zjj, 县本级)     | window  | T−25      | completed the next day (on time)         | 3      |
 * | 6 | 建筑工程施工许可证核发                  | online  | T−26      | completed 2 days after its due date (late) | —      |
 * | 7 | 建筑工程施工许可证核发                  | online  | recent    | 审查中, 1 working day left (yellow)         | —      |
 * | 8 | 80周岁以上高龄老人生活补贴申领 (cgz, 城关镇) | window | T−50 | completed the next day (on time)         | 5      |
 * | 9 | 80周岁以上高龄老人生活补贴申领          | online  | T−12      | 不予受理 the next day                      | —      |
 * |10 | 80周岁以上高龄老人生活补贴申领          | window  | T−8       | 撤回 the same day                          | —      |
 *
 * Totals: 10 cases, 6 online (网上办理率 60.0%), 6 completed of which 4 on time (限时办结率 66.7%),
 * 5 ratings of which 4 ≥ 3 (服务满意率 80.0%), 1 red, 1 yellow, 1 open and overdue 差评 follow-up.
 * The open cases are with departments the other demo walk-throughs do not use; the applicant is an account
 * of its own (赵明), so no demo citizen's "my cases" changes.
 */
import { chinaDate } from "~/calendar/china-time";
import { loadCalendar } from "~/calendar/service.server";
import { addWorkingDays, type WorkCalendar } from "~/calendar/workdays";
import { now as clockNow } from "~/clock.server";
import { clockLight } from "~/cases/clock";
import { caseDeadlines } from "~/cases/deadlines";
import type { CaseState } from "~/cases/lifecycle";
import { Case, CaseEvent, ReviewTask } from "~/cases/models.server";
import { trackingNumber } from "~/cases/tracking-number";
import { ServiceItem } from "~/catalog/models.server";
import { loadVersion } from "~/catalog/service.server";
import { sequelize } from "~/db/connection.server";
import { CaseRating, RatingFollowUp } from "~/evaluation/models.server";
import { FOLLOW_UP_WORKING_DAYS, type RatingLevel } from "~/evaluation/labels";
import { User } from "~/identity/models.server";
import type { Workflow } from "~/schemas/types.generated";
import { refreshRollups } from "./rollups.server";

const KEY_PREFIX = "demo-supervision-";
export const DEMO_APPLICANT = { username: "demo_zhaoming", name: "赵明", mobile: "13900009999" };

type Outcome = "on_time" | "late" | "red" | "yellow" | "refused" | "withdrawn";
interface Spec {
  item: string;
  channel: "online" | "window";
  daysAgo: number;
  outcome: Outcome;
  rating?: RatingLevel;
}

const HYGIENE = "公共场所卫生许可证核发";
const BUILDING = "建筑工程施工许可证核发";
const ELDERLY = "80周岁以上高龄老人生活补贴申领";

export const DEMO_CASES: readonly Spec[] = [
  { item: HYGIENE, channel: "online", daysAgo: 30, outcome: "on_time", rating: 5 },
  { item: HYGIENE, channel: "online", daysAgo: 28, outcome: "on_time", rating: 4 },
  { item: HYGIENE, channel: "window", daysAgo: 35, outcome: "late", rating: 2 },
  { item: HYGIENE, channel: "online", daysAgo: 20, outcome: "red" },
  { item: BUILDING, channel: "window", daysAgo: 25, outcome: "on_time", rating: 3 },
  { item: BUILDING, channel: "online", daysAgo: 26, outcome: "late" },
  { item: BUILDING, channel: "online", daysAgo: 0, outcome: "yellow" },
  { item: ELDERLY, channel: "window", daysAgo: 50, outcome: "on_time", rating: 5 },
  { item: ELDERLY, channel: "online", daysAgo: 12, outcome: "refused" },
  { item: ELDERLY, channel: "window", daysAgo: 8, outcome: "withdrawn" },
];

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** A China date and time of day as an instant. */
const at = (date: string, hour: number, minute = 0) => new Date(Date.parse(`${date}T00:00:00Z`) - 8 * 3600_000 + (hour * 60 + minute) * 60_000);

interface Step {
  type: string;
  from: CaseState | null;
  to: CaseState;
  note: string;
}

/** The transitions from 申请 to `end`, as the desk and review services record them for this workflow. */
function pathTo(end: "completed" | "reviewing", workflow: Workflow, channel: string): Step[] {
  const steps: Step[] = [{ type: "submit", from: null, to: "submitted", note: channel === "window" ? "窗口收件登记" : "网上提交申请" }];
  steps.push({ type: "accept", from: "submitted", to: "reviewing", note: "受理" });
  if (end === "reviewing") return steps;
  steps.push({ type: "opinion", from: "reviewing", to: "deciding", note: "牵头审查：同意" });
  steps.push({ type: "decide", from: "deciding", to: "decided", note: "决定准予许可" });
  let state: CaseState = "decided";
  if (workflow.steps.includes("certify")) {
    steps.push({ type: "certify", from: state, to: "certified", note: "制证完成" });
    state = "certified";
  }
  if (workflow.steps.includes("deliver")) {
    steps.push({ type: "deliver", from: state, to: "delivered", note: "窗口领取" });
    state = "delivered";
  }
  steps.push({ type: "complete", from: state, to: "completed", note: "办结" });
  return steps;
}

/** The accept day whose clock is yellow today with the least time left (searching back from yesterday). */
function yellowStart(today: string, workflow: Workflow, calendar: WorkCalendar): string {
  for (let k = 1; k <= 30; k++) {
    const start = addDays(today, -k);
    const { dueDate } = caseDeadlines(start, workflow, calendar);
    if (dueDate >= today && clockLight({ start, due: dueDate, today, paused: false, running: true }, calendar) === "yellow") return start;
  }
  throw new Error("no yellow start day found for the demo case");
}

/**
 * Writes the demo cases when the database has no cases yet; returns how many were written (0 when skipped).
 * Brings the statistics rollups current afterwards, so the dashboards show them at once.
 */
export async function seedSupervisionDemo(now: Date = clockNow()): Promise<number> {
  if ((await Case.count()) > 0) return 0;
  const template = await User.findOne({ where: { username: "supervisor" } });
  if (!template) throw new Error("seed the demo county before the supervision demo cases");
  const today = chinaDate(now);
  const calendar = await loadCalendar();
  const items = new Map<string, { item: ServiceItem; workflow: Workflow; versionId: number }>();
  for (const name of [HYGIENE, BUILDING, ELDERLY]) {
    const item = await ServiceItem.findOne({ where: { name } });
    const version = item?.publishedVersionId ? await loadVersion(item.publishedVersionId) : null;
    if (!item || !version) throw new Error(`demo item ${name} is not published`);
    items.set(name, { item, workflow: version.workflow, versionId: version.version.id });
  }

  await sequelize.transaction(async (transaction) => {
    const [applicant] = await User.findOrCreate({
      where: { username: DEMO_APPLICANT.username },
      defaults: { username: DEMO_APPLICANT.username, name: DEMO_APPLICANT.name, role: "citizen", departmentId: null, mobile: DEMO_APPLICANT.mobile, idCard: null, creditCode: null, email: null, passwordHash: template.passwordHash },
      transaction,
    });
    for (const [index, spec] of DEMO_CASES.entries()) {
      const { item, workflow, versionId } = items.get(spec.item)!;
      const open = spec.outcome === "red" || spec.outcome === "yellow";
      const start = spec.outcome === "yellow" ? yellowStart(today, workflow, calendar) : addDays(today, -spec.daysAgo);
      const deadlines = caseDeadlines(start, workflow, calendar);
      const submittedAt = at(start, 9, 30);
      const acceptedAt = spec.outcome === "refused" || spec.outcome === "withdrawn" ? null : at(start, 10);
      let endDay: string | null = null;
      if (spec.outcome === "on_time") endDay = addDays(start, 1);
      if (spec.outcome === "late") endDay = addDays(deadlines.dueDate, 2);
      if (spec.outcome === "refused") endDay = addDays(start, 1);
      if (spec.outcome === "withdrawn") endDay = start;
      if (endDay && endDay >= today) throw new Error(`demo case ${index + 1} would end today or later`);
      if (spec.outcome === "red" && deadlines.dueDate >= today) throw new Error("the red demo case is not overdue");
      const completedAt = endDay ? at(endDay, spec.outcome === "withdrawn" ? 11 : 16) : null;
      const steps: Step[] =
        spec.outcome === "refused"
          ? [{ type: "submit", from: null, to: "submitted", note: "网上提交申请" }, { type: "refuse", from: "submitted", to: "not_accepted", note: "不予受理：申请人不符合申领条件" }]
          : spec.outcome === "withdrawn"
            ? [{ type: "submit", from: null, to: "submitted", note: "窗口收件登记" }, { type: "withdraw", from: "submitted", to: "withdrawn", note: "申请人撤回申请" }]
            : pathTo(open ? "reviewing" : "completed", workflow, spec.channel);
      const state = steps[steps.length - 1].to;
      const kase = await Case.create(
        {
          trackingNumber: trackingNumber(item.implementationCode, start, 9001 + index),
          itemId: item.id,
          itemVersionId: versionId,
          applicantId: applicant.id,
          applicantName: applicant.name,
          applicantMobile: DEMO_APPLICANT.mobile,
          leadDepartmentId: item.departmentId,
          orgUnitId: item.orgUnitId,
          channel: spec.channel,
          state,
          decision: state === "completed" ? "approve" : null,
          formData: {},
          submissionKey: `${KEY_PREFIX}${index + 1}`,
          submittedAt,
          acceptedAt,
          dueDate: deadlines.dueDate,
          legalDueDate: deadlines.legalDueDate,
          completedAt,
          joinOutcome: state === "completed" ? "approve" : null,
          overdue: spec.outcome === "late" || spec.outcome === "red",
          createdAt: submittedAt,
          updatedAt: completedAt ?? submittedAt,
        },
        { transaction },
      );
      // Timeline: first step at submission, the last at the end (or spread over the first morning when open).
      const last = completedAt ?? at(start, 11);
      for (const [k, step] of steps.entries()) {
        const when = k === 0 ? submittedAt : new Date(submittedAt.getTime() + ((last.getTime() - submittedAt.getTime()) * k) / (steps.length - 1));
        await CaseEvent.create(
          {
            caseId: kase.id,
            type: step.type,
            actorId: step.type === "submit" || step.type === "withdraw" ? applicant.id : null,
            actorName: step.type === "submit" || step.type === "withdraw" ? applicant.name : "审批人员",
            departmentId: step.type === "submit" || step.type === "withdraw" ? null : item.departmentId,
            fromState: step.from,
            toState: step.to,
            note: step.note,
            createdAt: when,
          },
          { transaction },
        );
      }
      if (open) {
        await ReviewTask.create(
          { caseId: kase.id, departmentId: item.departmentId, role: "lead", task: "牵头审查", section: null, state: "pending", opinion: null, comment: null, reviewerId: null, dueDate: deadlines.dueDate, decidedAt: null },
          { transaction },
        );
      }
      if (spec.rating && completedAt) {
        const ratedOn = addDays(endDay!, 1);
        const bad = spec.rating <= 2;
        const rating = await CaseRating.create(
          {
            caseId: kase.id,
            applicantId: applicant.id,
            departmentId: item.departmentId,
            itemId: item.id,
            level: spec.rating,
            efficiency: spec.channel === "online" ? spec.rating : null,
            guideAccuracy: spec.channel === "online" ? spec.rating : null,
            convenience: spec.channel === "online" ? spec.rating : null,
            usability: spec.channel === "online" ? spec.rating : null,
            comment: bad ? null : "办理顺利",
            reasonCategory: bad ? "overdue" : null,
            reason: bad ? "超过承诺时限两天才办结，也没有提前告知。" : null,
            createdAt: at(ratedOn, 10),
          },
          { transaction },
        );
        if (bad) {
          await RatingFollowUp.create(
            {
              ratingId: rating.id, caseId: kase.id, departmentId: item.departmentId, state: "open", openedOn: ratedOn,
              deadline: addWorkingDays(ratedOn, FOLLOW_UP_WORKING_DAYS, calendar), calledBy: null, calledByName: null, calledAt: null,
              callNote: null, resolvedBy: null, resolvedByName: null, resolvedAt: null, resolution: null, createdAt: at(ratedOn, 10),
            },
            { transaction },
          );
        }
      }
    }
  });
  await refreshRollups(new Date(), { settleMs: 0 });
  return DEMO_CASES.length;
}
