import type { Transaction } from "sequelize";
import { chinaDate } from "~/calendar/china-time";
import { loadCalendar } from "~/calendar/service.server";
import { loadVersion, type PublishedVersion } from "~/catalog/service.server";
import { issueDocument } from "~/documents/issue.server";
import { printableFields } from "~/documents/render.server";
import type { CurrentUser } from "~/identity/session.server";
import { issueLicence } from "~/licences/issue.server";
import { enqueueSms } from "~/notify/outbox.server";
import { Department } from "~/org/models.server";
import { CaseActionError, saveCase, withCaseTransaction } from "./case-transaction.server";
import { caseDeadlines, coReviewDueDate } from "./deadlines";
import { recordEvent } from "./events.server";
import {
  DECISION_LABELS,
  OPINION_LABELS,
  eventLabel,
  joinOpinions,
  transition,
  type ActorKind,
  type CaseEventInput,
  type Opinion,
} from "./lifecycle";
import { ReviewTask, type Case } from "./models.server";

type DeskEvent = Extract<CaseEventInput, { type: "withdraw" | "request_supplement" | "supplement" | "accept" | "refuse" }>;

async function published(kase: Case, t: Transaction): Promise<PublishedVersion> {
  const version = await loadVersion(kase.itemVersionId, t);
  if (!version) throw new Error(`item version ${kase.itemVersionId} of case ${kase.id} is missing`);
  return version;
}

function deskActor(user: CurrentUser, kase: Case): ActorKind | null {
  if (user.id === kase.applicantId) return "applicant";
  if (user.role === "reviewer" && user.departmentId === kase.leadDepartmentId) return "lead_reviewer";
  return null;
}

/**
 * Withdrawal, supplement requests and supplements, acceptance and refusal: each one transaction with its
 * timeline event, document and SMS.
 */
export async function actOnCase(user: CurrentUser, caseId: number, event: DeskEvent, now = new Date()): Promise<Case> {
  return withCaseTransaction(caseId, async (kase, t) => {
    const actor = deskActor(user, kase);
    if (!actor) throw new CaseActionError("您无权办理此办件", 403);
    const result = transition(kase.state, event, actor);
    if (!result.ok) throw new CaseActionError(result.message);
    const version = await published(kase, t);
    const sms = { recipient: kase.applicantMobile, caseId: kase.id, payload: { item: version.item.name, tracking: kase.trackingNumber } };
    const from = kase.state;
    let note: string | null = null;

    if (event.type === "accept") {
      const calendar = await loadCalendar(t);
      const today = chinaDate(now);
      const deadlines = caseDeadlines(today, version.workflow, calendar);
      await saveCase(kase, { state: result.to, acceptedAt: now, ...deadlines }, t);
      const coDepartments = await Department.findAll({ where: { code: version.workflow.coDepartments.map((c) => c.department) }, transaction: t });
      const tasks = [
        { departmentId: version.department.id, role: "lead" as const, task: "牵头审查", section: null, dueDate: deadlines.dueDate },
        ...version.workflow.coDepartments.map((co) => ({
          departmentId: coDepartments.find((d) => d.code === co.department)!.id,
          role: "co" as const,
          task: co.task,
          section: co.section ?? null,
          dueDate: coReviewDueDate(today, version.workflow, deadlines.dueDate, calendar),
        })),
      ];
      await ReviewTask.bulkCreate(
        tasks.map((task) => ({ ...task, caseId: kase.id, state: "pending" as const, opinion: null, comment: null, reviewerId: null, decidedAt: null })),
        { transaction: t },
      );
      const parallel = version.workflow.coDepartments.length ? coDepartments.map((d) => d.name).join("、") : "";
      await issueDocument({ kind: "acceptance_notice", kase, published: version, issuedBy: user.id, now, extra: { parallel } }, t);
      await enqueueSms(t, { ...sms, template: "case_accepted", payload: { ...sms.payload, due: deadlines.dueDate } });
      note = parallel ? `受理，并联审查：${version.department.name}、${parallel}` : "受理";
    } else if (event.type === "refuse") {
      await saveCase(kase, { state: result.to, completedAt: now }, t);
      await issueDocument({ kind: "rejection_notice", kase, published: version, issuedBy: user.id, now, extra: { reason: event.reason.trim() } }, t);
      await enqueueSms(t, { ...sms, template: "case_not_accepted" });
      note = `不予受理：${event.reason.trim()}`;
    } else if (event.type === "request_supplement") {
      const missing = event.missing.map((m) => m.trim()).filter(Boolean);
      await saveCase(kase, { state: result.to }, t);
      await issueDocument({ kind: "supplement_notice", kase, published: version, issuedBy: user.id, now, extra: { missing } }, t);
      await enqueueSms(t, { ...sms, template: "case_supplement" });
      note = `一次性告知补正：${missing.join("；")}`;
    } else {
      await saveCase(kase, { state: result.to }, t);
    }
    await recordEvent(t, { caseId: kase.id, type: event.type, actor: user, fromState: from, toState: result.to, note: note ?? eventLabel(event.type) });
    return kase;
  });
}

export interface OpinionInput {
  caseId: number;
  opinion: Opinion;
  reason?: string;
}

/**
 * A department's parallel-review opinion. The case row lock and version make the last two opinions arriving
 * at the same moment queue: the second sees the first, so the join runs once and the case completes once.
 * Re-sending the same opinion (a retry) is accepted without a second effect.
 */
export async function giveOpinion(user: CurrentUser, input: OpinionInput, now = new Date()): Promise<Case> {
  if (user.role !== "reviewer" || user.departmentId == null) throw new CaseActionError("只有审批人员可以提交审查意见", 403);
  if (input.opinion === "transfer") throw new CaseActionError("转报暂未开放，请选择同意或不同意");
  return withCaseTransaction(input.caseId, async (kase, t) => {
    const tasks = await ReviewTask.findAll({ where: { caseId: kase.id }, order: [["id", "ASC"]], transaction: t, lock: t.LOCK.UPDATE });
    const mine = tasks.find((task) => task.departmentId === user.departmentId);
    if (!mine) throw new CaseActionError("本部门不参与此办件的审查", 403);
    if (mine.state === "done") {
      if (mine.reviewerId === user.id && mine.opinion === input.opinion) return kase;
      throw new CaseActionError("本部门已提交审查意见，不能重复提交");
    }
    const opinions = tasks.map((task) => (task.id === mine.id ? input.opinion : task.opinion));
    const joinAfter = joinOpinions(opinions);
    const result = transition(kase.state, { type: "opinion", opinion: input.opinion, reason: input.reason, joinAfter }, "task_reviewer");
    if (!result.ok) throw new CaseActionError(result.message);

    const reason = input.reason?.trim() || null;
    const [affected] = await ReviewTask.update(
      { state: "done", opinion: input.opinion, comment: reason, reviewerId: user.id, decidedAt: now, version: mine.version + 1 },
      { where: { id: mine.id, version: mine.version }, transaction: t },
    );
    if (affected !== 1) throw new CaseActionError("审查任务已被他人同时处理，请刷新");
    const from = kase.state;
    await recordEvent(t, {
      caseId: kase.id,
      type: "opinion",
      actor: user,
      fromState: from,
      toState: from,
      note: `${mine.task}：${OPINION_LABELS[input.opinion]}${reason ? `（${reason}）` : ""}`,
    });

    if (!result.decision) {
      await saveCase(kase, {}, t);
      return kase;
    }
    await saveCase(kase, { state: result.to, decision: result.decision, completedAt: now }, t);
    const version = await published(kase, t);
    const departments = new Map((await Department.findAll({ transaction: t })).map((d) => [d.id, d.name]));
    const opinionRows = tasks.map((task) => ({
      department: departments.get(task.departmentId) ?? "",
      task: task.task,
      opinion: OPINION_LABELS[task.id === mine.id ? input.opinion : task.opinion!],
      comment: task.id === mine.id ? reason ?? "" : task.comment ?? "",
    }));
    const licence = result.decision === "approve" ? await issueLicence(kase, version, now, t) : null;
    await issueDocument(
      {
        kind: result.decision === "approve" ? "approval_decision" : "denial_decision",
        kase,
        published: version,
        issuedBy: user.id,
        now,
        extra: {
          opinions: opinionRows,
          licence: licence ? { name: licence.name, number: licence.number, verifyCode: licence.verifyCode } : null,
          fields: printableFields(version.form.jsonSchema, kase.formData),
        },
      },
      t,
    );
    const label = DECISION_LABELS[result.decision];
    await recordEvent(t, { caseId: kase.id, type: "decide", actor: null, fromState: from, toState: result.to, note: `汇总各部门意见，决定${label}` });
    await recordEvent(t, { caseId: kase.id, type: "complete", actor: null, fromState: result.to, toState: result.to, note: licence ? `办结，核发${licence.name}` : "办结" });
    await enqueueSms(t, {
      recipient: kase.applicantMobile,
      caseId: kase.id,
      template: "case_completed",
      payload: { item: version.item.name, tracking: kase.trackingNumber, decision: label },
    });
    return kase;
  });
}
