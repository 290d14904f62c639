/**
 * The case lifecycle as a pure state machine. Services load the case, ask `transition` what an event does,
 * and persist the answer together with its timeline event in one transaction.
 */
export const CASE_STATES = ["submitted", "supplementing", "not_accepted", "reviewing", "completed", "withdrawn"] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  submitted: "已提交，待受理",
  supplementing: "待补正材料",
  not_accepted: "不予受理",
  reviewing: "审查中",
  completed: "已办结",
  withdrawn: "已撤回",
};

export type Decision = "approve" | "deny";
export const DECISION_LABELS: Record<Decision, string> = { approve: "准予许可", deny: "不予许可" };

export type Opinion = "agree" | "disagree" | "transfer";
export const OPINION_LABELS: Record<Opinion, string> = { agree: "同意", disagree: "不同意", transfer: "转报" };

/** Who is acting, relative to this case. */
export type ActorKind = "applicant" | "lead_reviewer" | "task_reviewer";

/** Outcome of the join rule over all review tasks of a case. */
export type JoinOutcome = "pending" | "approve" | "deny";

export type CaseEventInput =
  | { type: "withdraw" }
  | { type: "request_supplement"; missing: string[] }
  | { type: "supplement" }
  | { type: "accept" }
  | { type: "refuse"; reason: string }
  | { type: "opinion"; opinion: Opinion; reason?: string; joinAfter: JoinOutcome };

export type CaseEventType = CaseEventInput["type"];
export const CASE_EVENT_TYPES: readonly CaseEventType[] = ["withdraw", "request_supplement", "supplement", "accept", "refuse", "opinion"];

export type TransitionResult =
  | { ok: true; to: CaseState; decision?: Decision }
  | { ok: false; message: string };

interface Rule {
  from: readonly CaseState[];
  actor: ActorKind;
  label: string;
}

const RULES: Record<CaseEventType, Rule> = {
  withdraw: { from: ["submitted", "supplementing"], actor: "applicant", label: "撤回申请" },
  request_supplement: { from: ["submitted"], actor: "lead_reviewer", label: "一次性告知补正" },
  supplement: { from: ["supplementing"], actor: "applicant", label: "补正材料" },
  accept: { from: ["submitted"], actor: "lead_reviewer", label: "受理" },
  refuse: { from: ["submitted"], actor: "lead_reviewer", label: "不予受理" },
  opinion: { from: ["reviewing"], actor: "task_reviewer", label: "审查意见" },
};

const ACTOR_LABELS: Record<ActorKind, string> = {
  applicant: "申请人本人",
  lead_reviewer: "牵头部门审批人员",
  task_reviewer: "本部门有待办审查任务的审批人员",
};

export function eventLabel(type: CaseEventType): string {
  return RULES[type].label;
}

export function transition(state: CaseState, event: CaseEventInput, actor: ActorKind): TransitionResult {
  const rule = RULES[event.type];
  if (actor !== rule.actor) return { ok: false, message: `只有${ACTOR_LABELS[rule.actor]}可以${rule.label}` };
  if (!rule.from.includes(state)) {
    return { ok: false, message: `办件当前状态为“${CASE_STATE_LABELS[state]}”，不能${rule.label}` };
  }
  switch (event.type) {
    case "withdraw":
      return { ok: true, to: "withdrawn" };
    case "request_supplement":
      if (!event.missing.some((m) => m.trim())) return { ok: false, message: "请一次性列明需要补正的全部材料" };
      return { ok: true, to: "supplementing" };
    case "supplement":
      return { ok: true, to: "submitted" };
    case "accept":
      return { ok: true, to: "reviewing" };
    case "refuse":
      if (!event.reason.trim()) return { ok: false, message: "不予受理必须说明理由" };
      return { ok: true, to: "not_accepted" };
    case "opinion":
      if (event.opinion === "disagree" && !event.reason?.trim()) return { ok: false, message: "不同意必须说明理由" };
      if (event.joinAfter === "pending") return { ok: true, to: "reviewing" };
      return { ok: true, to: "completed", decision: event.joinAfter };
  }
}

/** The join rule all_agree: any 不同意 denies; all 同意 approves; otherwise wait. */
export function joinOpinions(opinions: ReadonlyArray<Opinion | null>): JoinOutcome {
  if (opinions.some((o) => o === "disagree")) return "deny";
  if (opinions.length > 0 && opinions.every((o) => o === "agree")) return "approve";
  return "pending";
}
