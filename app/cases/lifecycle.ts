/**
 * The case lifecycle as a pure state machine driven by the item version's workflow. Services load the case,
 * ask `transition` what an event does, and persist the answer with its timeline event in one transaction.
 */
import type { WorkflowStep } from "~/schemas/types.generated";

export const CASE_STATES = [
  "submitted",
  "supplementing",
  "not_accepted",
  "reviewing",
  "suspended",
  "deciding",
  "decided",
  "certified",
  "delivered",
  "completed",
  "withdrawn",
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  submitted: "已提交，待受理",
  supplementing: "待补正材料",
  not_accepted: "不予受理",
  reviewing: "审查中",
  suspended: "待补充材料（暂停计时）",
  deciding: "审查完毕，待决定",
  decided: "已决定",
  certified: "已制证，待送达",
  delivered: "已送达",
  completed: "已办结",
  withdrawn: "已撤回",
};

/** States in which the case clock runs (the promised date can be missed). */
export const CLOCK_RUNNING_STATES: readonly CaseState[] = ["submitted", "reviewing", "deciding", "decided", "certified"];
/** States that end the case. */
export const FINAL_STATES: readonly CaseState[] = ["not_accepted", "completed", "withdrawn"];

export type Decision = "approve" | "deny";
export const DECISION_LABELS: Record<Decision, string> = { approve: "准予许可", deny: "不予许可" };

export type Opinion = "agree" | "disagree" | "transfer";
export const OPINION_LABELS: Record<Opinion, string> = { agree: "同意", disagree: "不同意", transfer: "转报" };

export type DeliveryMethod = "window" | "courier";
export const DELIVERY_LABELS: Record<DeliveryMethod, string> = { window: "窗口领取", courier: "快递送达" };

/** Who is acting, relative to this case. `system` is the deadline scheduler. */
export type ActorKind = "applicant" | "lead_reviewer" | "task_reviewer" | "system";

/** Outcome of the join rule over all review tasks of a case. */
export type JoinOutcome = "pending" | "approve" | "deny";

export type CaseEventInput =
  | { type: "withdraw" }
  | { type: "request_supplement"; missing: string[] }
  | { type: "supplement"; formData?: Record<string, unknown> }
  | { type: "accept" }
  | { type: "refuse"; reason: string }
  | { type: "opinion"; opinion: Opinion; reason?: string; joinAfter: JoinOutcome }
  | { type: "deem"; joinAfter: JoinOutcome }
  | { type: "extend"; reason: string }
  | { type: "decide"; decision: Decision; reason?: string }
  | { type: "certify" }
  | { type: "deliver"; method: DeliveryMethod; courierCompany?: string; courierTracking?: string }
  | { type: "complete" };

export type CaseEventType = CaseEventInput["type"];
export const CASE_EVENT_TYPES: readonly CaseEventType[] = [
  "withdraw", "request_supplement", "supplement", "accept", "refuse", "opinion", "deem", "extend", "decide", "certify", "deliver", "complete",
];

/** What the workflow and the case already say, beyond the state. */
export interface TransitionContext {
  steps: readonly WorkflowStep[];
  deemedConsent: boolean;
  extensionDays: number;
  /** The case was already extended once. */
  extended: boolean;
  decision: Decision | null;
  /** The join outcome the review reached (null before review ends). */
  joinOutcome: JoinOutcome | null;
}

export type TransitionResult = { ok: true; to: CaseState; decision?: Decision } | { ok: false; message: string };

interface Rule {
  from: readonly CaseState[];
  actor: ActorKind;
  label: string;
}

const RULES: Record<CaseEventType, Rule> = {
  withdraw: { from: ["submitted", "supplementing"], actor: "applicant", label: "撤回申请" },
  request_supplement: { from: ["submitted", "reviewing"], actor: "lead_reviewer", label: "一次性告知补正" },
  supplement: { from: ["supplementing", "suspended"], actor: "applicant", label: "补正材料" },
  accept: { from: ["submitted"], actor: "lead_reviewer", label: "受理" },
  refuse: { from: ["submitted"], actor: "lead_reviewer", label: "不予受理" },
  opinion: { from: ["reviewing"], actor: "task_reviewer", label: "提交审查意见" },
  deem: { from: ["reviewing"], actor: "system", label: "超时默许" },
  extend: { from: ["reviewing", "suspended", "deciding"], actor: "lead_reviewer", label: "延期" },
  decide: { from: ["deciding"], actor: "lead_reviewer", label: "作出决定" },
  certify: { from: ["decided"], actor: "lead_reviewer", label: "制证" },
  deliver: { from: ["decided", "certified"], actor: "lead_reviewer", label: "送达" },
  complete: { from: ["decided", "certified", "delivered"], actor: "lead_reviewer", label: "办结" },
};

const ACTOR_LABELS: Record<ActorKind, string> = {
  applicant: "申请人本人",
  lead_reviewer: "牵头部门审批人员",
  task_reviewer: "本部门有待办审查任务的审批人员",
  system: "系统",
};

export function eventLabel(type: CaseEventType): string {
  return RULES[type].label;
}

const refuse = (message: string): TransitionResult => ({ ok: false, message });

/** After 决定: 制证 when the workflow has it and the decision is 准予, then 送达 when it has it, then 办结. */
function postDecisionStep(state: CaseState, ctx: TransitionContext): "certify" | "deliver" | "complete" | null {
  const has = (s: WorkflowStep) => ctx.steps.includes(s);
  if (state === "decided" && ctx.decision === "approve" && has("certify")) return "certify";
  if ((state === "decided" || state === "certified") && has("deliver")) return "deliver";
  if (state === "decided" || state === "certified" || state === "delivered") return "complete";
  return null;
}

/** Why a post-decision step will never come for this case, or null when it is still ahead. */
function stepNotAhead(step: "certify" | "deliver" | "complete", state: CaseState, ctx: TransitionContext): string | null {
  if (step === "certify") {
    if (!ctx.steps.includes("certify")) return "本事项的流程没有制证环节";
    if (ctx.decision === "deny") return "不予许可无需制证";
    if (state === "certified") return "已制证，不能重复制证";
  }
  if (step === "deliver") {
    if (!ctx.steps.includes("deliver")) return "本事项的流程没有送达环节，可直接办结";
  }
  return null;
}

function afterJoin(join: JoinOutcome): TransitionResult {
  return join === "pending" ? { ok: true, to: "reviewing" } : { ok: true, to: "deciding" };
}

export function transition(state: CaseState, event: CaseEventInput, actor: ActorKind, ctx: TransitionContext): TransitionResult {
  const rule = RULES[event.type];
  if (actor !== rule.actor) return refuse(`只有${ACTOR_LABELS[rule.actor]}可以${rule.label}`);
  if (!rule.from.includes(state)) return refuse(`办件当前状态为“${CASE_STATE_LABELS[state]}”，不能${rule.label}`);
  switch (event.type) {
    case "withdraw":
      return { ok: true, to: "withdrawn" };
    case "request_supplement":
      if (!event.missing.some((m) => m.trim())) return refuse("请一次性列明需要补正的全部材料");
      return { ok: true, to: state === "submitted" ? "supplementing" : "suspended" };
    case "supplement":
      return { ok: true, to: state === "supplementing" ? "submitted" : "reviewing" };
    case "accept":
      return { ok: true, to: ctx.steps.includes("review") ? "reviewing" : "deciding" };
    case "refuse":
      if (!event.reason.trim()) return refuse("不予受理必须说明理由");
      return { ok: true, to: "not_accepted" };
    case "opinion":
      if (event.opinion !== "agree" && !event.reason?.trim()) return refuse(`${OPINION_LABELS[event.opinion]}必须说明理由`);
      return afterJoin(event.joinAfter);
    case "deem":
      if (!ctx.deemedConsent) return refuse("本事项的流程未设定超时默许");
      return afterJoin(event.joinAfter);
    case "extend":
      if (ctx.extensionDays <= 0) return refuse("本事项的流程不允许延期");
      if (ctx.extended) return refuse("办件已延期一次，不能再次延期");
      if (!event.reason.trim()) return refuse("延期必须说明理由");
      return { ok: true, to: state };
    case "decide":
      if (event.decision === "approve" && ctx.joinOutcome === "deny") return refuse("有部门不同意，不能作出准予许可决定");
      if (event.decision === "approve" && ctx.joinOutcome !== "approve") return refuse("各部门尚未全部同意，不能作出准予许可决定");
      if (event.decision === "deny" && !event.reason?.trim()) return refuse("不予许可必须说明理由");
      return { ok: true, to: "decided", decision: event.decision };
    case "certify":
    case "deliver":
    case "complete": {
      const next = postDecisionStep(state, ctx);
      if (next !== event.type) {
        const why = stepNotAhead(event.type, state, ctx);
        return refuse(why ?? (next ? `请先${RULES[next].label}` : `办件当前状态为“${CASE_STATE_LABELS[state]}”，不能${rule.label}`));
      }
      if (event.type === "deliver" && event.method === "courier" && !(event.courierCompany?.trim() && event.courierTracking?.trim())) {
        return refuse("快递送达必须填写快递公司和运单号");
      }
      return { ok: true, to: event.type === "certify" ? "certified" : event.type === "deliver" ? "delivered" : "completed" };
    }
  }
}

/** The join rule all_agree: any 不同意 denies; all answered with 同意 or 转报 approves; otherwise wait. */
export function joinOpinions(opinions: ReadonlyArray<Opinion | null>): JoinOutcome {
  if (opinions.some((o) => o === "disagree")) return "deny";
  if (opinions.length > 0 && opinions.every((o) => o === "agree" || o === "transfer")) return "approve";
  return "pending";
}

/** The next step the lead department takes on a case in this state, for the workbench. */
export function nextLeadStep(state: CaseState, ctx: TransitionContext): CaseEventType | null {
  if (state === "submitted") return "accept";
  if (state === "deciding") return "decide";
  return postDecisionStep(state, ctx);
}
