import type { Transaction } from "sequelize";
import { chinaDate } from "~/calendar/china-time";
import { loadCalendar } from "~/calendar/service.server";
import { now as clockNow } from "~/clock.server";
import type { PublishedVersion } from "~/catalog/service.server";
import { issueDocument } from "~/documents/issue.server";
import { printableFields } from "~/forms/display";
import { validateSubmission } from "~/forms/form-schema.server";
import { attachFiles, type StoredFile } from "~/materials/service.server";
import type { CurrentUser } from "~/identity/session.server";
import { issueLicence } from "~/licences/issue.server";
import { caseLink, enqueueSms } from "~/notify/outbox.server";
import { Department } from "~/org/models.server";
import { pinnedVersion, transitionContext } from "./case-context.server";
import { CaseActionError, saveCase, withCaseTransaction } from "./case-transaction.server";
import { pausedWorkingDays, shiftDue } from "./clock";
import { caseDeadlines, coReviewDueDate } from "./deadlines";
import { recordEvent } from "./events.server";
import { DECISION_LABELS, DELIVERY_LABELS, OPINION_LABELS, eventLabel, transition, type ActorKind, type CaseEventInput } from "./lifecycle";
import { ReviewTask, type Case } from "./models.server";
import { departmentNames } from "~/org/names.server";
import { hasRole } from "~/identity/roles";

/** Everything the applicant or the lead department does to a case; opinions go through review.server. */
export type DeskEvent = Exclude<CaseEventInput, { type: "opinion" | "deem" }>;

function deskActor(user: CurrentUser, kase: Case): ActorKind | null {
  if (user.id === kase.applicantId) return "applicant";
  if (hasRole(user, "reviewer") && user.departmentId === kase.leadDepartmentId) return "lead_reviewer";
  return null;
}

interface Step {
  /** Files the applicant uploaded with this step (supplements), already checked and stored. */
  files: StoredFile[];
  user: CurrentUser;
  kase: Case;
  version: PublishedVersion;
  now: Date;
  today: string;
  t: Transaction;
}

function validatedFormData(version: PublishedVersion, data: Record<string, unknown>): Record<string, unknown> {
  const errors = validateSubmission(version.form.id, version.form.jsonSchema, data);
  if (errors.length) throw new CaseActionError("补正内容未通过校验，请修改后再提交", 400, errors);
  return data;
}

const smsBase = (s: Step) => ({ recipient: s.kase.applicantMobile, caseId: s.kase.id, payload: { item: s.version.item.name, tracking: s.kase.trackingNumber, link: caseLink(s.kase.id) } });

async function opinionRows(kase: Case, t: Transaction) {
  const tasks = await ReviewTask.findAll({ where: { caseId: kase.id }, order: [["id", "ASC"]], transaction: t });
  const names = await departmentNames();
  return tasks.map((task) => ({
    department: names.get(task.departmentId) ?? "",
    task: task.task,
    opinion: task.opinion ? OPINION_LABELS[task.opinion] : "",
    comment: task.deemed ? "逾期未答复，视为同意" : task.comment ?? "",
  }));
}

async function licenceNote(s: Step): Promise<string | null> {
  const licence = await issueLicence(s.kase, s.version, s.now, s.t);
  return licence ? `核发${licence.name}（${licence.number}）` : null;
}

/** The effects of each desk event beyond the state change; returns the timeline note. */
const EFFECTS: { [K in DeskEvent["type"]]: (s: Step, event: Extract<DeskEvent, { type: K }>, to: Case["state"]) => Promise<string> } = {
  async withdraw(s, _e, to) {
    await saveCase(s.kase, { state: to, completedAt: s.now }, s.t);
    return "申请人撤回申请";
  },
  async accept(s, _e, to) {
    const calendar = await loadCalendar(s.t);
    const deadlines = caseDeadlines(s.today, s.version.workflow, calendar);
    const reviewed = to === "reviewing";
    await saveCase(s.kase, { state: to, acceptedAt: s.now, joinOutcome: reviewed ? null : "approve", ...deadlines }, s.t);
    let parallel = "";
    if (reviewed) {
      const codes = s.version.workflow.coDepartments.map((c) => c.department);
      const coDepartments = await Department.findAll({ where: { code: codes }, transaction: s.t });
      const byCode = new Map(coDepartments.map((d) => [d.code, d]));
      const coDue = coReviewDueDate(s.today, s.version.workflow, deadlines.dueDate, calendar);
      await ReviewTask.bulkCreate(
        [
          { departmentId: s.version.department.id, role: "lead" as const, task: "牵头审查", section: null, dueDate: deadlines.dueDate },
          ...s.version.workflow.coDepartments.map((co) => ({
            departmentId: byCode.get(co.department)!.id,
            role: "co" as const,
            task: co.task,
            section: co.section ?? null,
            dueDate: coDue,
          })),
        ].map((task) => ({ ...task, caseId: s.kase.id, state: "pending" as const, opinion: null, comment: null, reviewerId: null, decidedAt: null })),
        { transaction: s.t },
      );
      parallel = codes.map((c) => byCode.get(c)!.name).join("、");
    }
    await issueDocument({ kind: "acceptance_notice", kase: s.kase, published: s.version, issuedBy: s.user.id, now: s.now, extra: { parallel } }, s.t);
    await enqueueSms(s.t, { ...smsBase(s), template: "case_accepted", payload: { ...smsBase(s).payload, due: deadlines.dueDate } });
    return parallel ? `受理，并联审查：${s.version.department.name}、${parallel}` : "受理";
  },
  async refuse(s, e, to) {
    const reason = e.reason.trim();
    await saveCase(s.kase, { state: to, completedAt: s.now }, s.t);
    await issueDocument({ kind: "rejection_notice", kase: s.kase, published: s.version, issuedBy: s.user.id, now: s.now, extra: { reason } }, s.t);
    await enqueueSms(s.t, { ...smsBase(s), template: "case_not_accepted" });
    return `不予受理：${reason}`;
  },
  async request_supplement(s, e, to) {
    const missing = e.missing.map((m) => m.trim()).filter(Boolean);
    // During review the clock stops until the applicant supplements (行政许可法 §45).
    await saveCase(s.kase, { state: to, pausedOn: to === "suspended" ? s.today : null }, s.t);
    await issueDocument({ kind: "supplement_notice", kase: s.kase, published: s.version, issuedBy: s.user.id, now: s.now, extra: { missing } }, s.t);
    await enqueueSms(s.t, { ...smsBase(s), template: "case_supplement" });
    return `一次性告知补正${to === "suspended" ? "（暂停计时）" : ""}：${missing.join("；")}`;
  },
  async supplement(s, e, to) {
    // The applicant may correct the application itself; it is validated against the pinned form again.
    const corrected = e.formData ? { formData: validatedFormData(s.version, e.formData) } : {};
    await attachFiles(s.kase.id, s.user.id, s.files, s.t);
    const uploaded = s.files.length ? `，补充材料 ${s.files.length} 份` : "";
    if (s.kase.state !== "suspended" || !s.kase.pausedOn) {
      await saveCase(s.kase, { state: to, ...corrected }, s.t);
      return `申请人已补正材料${uploaded}`;
    }
    const calendar = await loadCalendar(s.t);
    const paused = pausedWorkingDays(s.kase.pausedOn, s.today, calendar);
    await saveCase(
      s.kase,
      { state: to, ...corrected, pausedOn: null, dueDate: shiftDue(s.kase.dueDate, paused, calendar), legalDueDate: shiftDue(s.kase.legalDueDate, paused, calendar) },
      s.t,
    );
    for (const task of await ReviewTask.findAll({ where: { caseId: s.kase.id, state: "pending" }, transaction: s.t })) {
      await task.update({ dueDate: shiftDue(task.dueDate, paused, calendar), version: task.version + 1 }, { transaction: s.t });
    }
    return `申请人已补正材料${uploaded}，恢复计时（暂停 ${paused} 个工作日，办结期限顺延）`;
  },
  async extend(s, e, to) {
    const calendar = await loadCalendar(s.t);
    const days = s.version.workflow.extensionDays ?? 0;
    const reason = e.reason.trim();
    const dueDate = shiftDue(s.kase.dueDate, days, calendar);
    await saveCase(s.kase, { state: to, extensionReason: reason, dueDate, legalDueDate: shiftDue(s.kase.legalDueDate, days, calendar), overdue: false }, s.t);
    await issueDocument({ kind: "extension_notice", kase: s.kase, published: s.version, issuedBy: s.user.id, now: s.now, extra: { reason, days } }, s.t);
    await enqueueSms(s.t, { ...smsBase(s), template: "case_extended", payload: { ...smsBase(s).payload, due: dueDate } });
    return `延期 ${days} 个工作日至 ${dueDate}：${reason}`;
  },
  async decide(s, e, to) {
    const reason = e.reason?.trim() ?? "";
    await saveCase(s.kase, { state: to, decision: e.decision }, s.t);
    const certifyLater = s.version.workflow.steps.includes("certify");
    const licence = e.decision === "approve" && !certifyLater ? await issueLicence(s.kase, s.version, s.now, s.t) : null;
    await issueDocument(
      {
        kind: e.decision === "approve" ? "approval_decision" : "denial_decision",
        kase: s.kase,
        published: s.version,
        issuedBy: s.user.id,
        now: s.now,
        extra: {
          opinions: await opinionRows(s.kase, s.t),
          reason,
          licence: licence ? { name: licence.name, number: licence.number, verifyCode: licence.verifyCode } : null,
          fields: printableFields(s.version.form.jsonSchema, s.kase.formData),
        },
      },
      s.t,
    );
    await enqueueSms(s.t, { ...smsBase(s), template: "case_decided", payload: { ...smsBase(s).payload, decision: DECISION_LABELS[e.decision] } });
    return `决定${DECISION_LABELS[e.decision]}${reason ? `：${reason}` : ""}${licence ? `，核发${licence.name}` : ""}`;
  },
  async certify(s, _e, to) {
    await saveCase(s.kase, { state: to }, s.t);
    return (await licenceNote(s)) ?? "制证完成";
  },
  async deliver(s, e, to) {
    await saveCase(s.kase, { state: to, deliveryMethod: e.method, courierCompany: e.courierCompany?.trim() || null, courierTracking: e.courierTracking?.trim() || null }, s.t);
    if (e.method === "courier") {
      await enqueueSms(s.t, { ...smsBase(s), template: "case_shipped", payload: { ...smsBase(s).payload, courier: e.courierCompany!.trim(), waybill: e.courierTracking!.trim() } });
      return `${DELIVERY_LABELS.courier}：${e.courierCompany!.trim()} ${e.courierTracking!.trim()}`;
    }
    return DELIVERY_LABELS.window;
  },
  async complete(s, _e, to) {
    await saveCase(s.kase, { state: to, completedAt: s.now }, s.t);
    await enqueueSms(s.t, {
      ...smsBase(s),
      template: "case_completed",
      payload: { ...smsBase(s).payload, decision: s.kase.decision ? DECISION_LABELS[s.kase.decision] : "" },
    });
    return "办结";
  },
};

/** One desk event: authorized, checked by the lifecycle, applied with its effects in one transaction. */
export async function actOnCase(user: CurrentUser, caseId: number, event: DeskEvent, now = clockNow(), files: StoredFile[] = []): Promise<Case> {
  return withCaseTransaction(caseId, async (kase, t) => {
    const actor = deskActor(user, kase);
    if (!actor) throw new CaseActionError("您无权办理此办件", 403);
    const version = await pinnedVersion(kase, t);
    const result = transition(kase.state, event, actor, transitionContext(kase, version));
    if (!result.ok) throw new CaseActionError(result.message);
    const from = kase.state;
    const step: Step = { user, kase, version, now, today: chinaDate(now), t, files };
    const effect = EFFECTS[event.type] as (s: Step, e: DeskEvent, to: Case["state"]) => Promise<string>;
    const note = await effect(step, event, result.to);
    await recordEvent(t, { caseId: kase.id, type: event.type, actor: user, fromState: from, toState: result.to, note: note || eventLabel(event.type) });
    return kase;
  });
}
