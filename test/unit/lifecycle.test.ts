import { describe, expect, it } from "vitest";
import {
  CASE_EVENT_TYPES,
  CASE_STATES,
  CASE_STATE_LABELS,
  joinOpinions,
  nextLeadStep,
  transition,
  type ActorKind,
  type CaseEventInput,
  type CaseEventType,
  type CaseState,
  type Decision,
  type JoinOutcome,
  type Opinion,
  type TransitionContext,
} from "~/cases/lifecycle";
import type { WorkflowStep } from "~/schemas/types.generated";

const ACTORS: readonly ActorKind[] = ["applicant", "lead_reviewer", "task_reviewer", "system"];
const HAN = /[\u4e00-\u9fff]/;

/** A word of each actor's description, so a refusal to the wrong actor can be checked to name who may act. */
const ACTOR_WORD: Record<ActorKind, string> = {
  applicant: "申请人",
  lead_reviewer: "牵头部门",
  task_reviewer: "审查任务",
  system: "系统",
};

const FULL: readonly WorkflowStep[] = ["pre_review", "accept", "review", "decide", "certify", "deliver", "complete"];
const without = (...drop: WorkflowStep[]): WorkflowStep[] => FULL.filter((s) => !drop.includes(s));

/** A full licensing workflow, before any decision. */
const DEFAULT_CTX: TransitionContext = {
  steps: FULL,
  deemedConsent: true,
  extensionDays: 10,
  extended: false,
  decision: null,
  joinOutcome: null,
};
const ctxWith = (over: Partial<TransitionContext> = {}): TransitionContext => ({ ...DEFAULT_CTX, ...over });
const APPROVED: Partial<TransitionContext> = { joinOutcome: "approve", decision: "approve" };
const DENIED: Partial<TransitionContext> = { joinOutcome: "deny", decision: "deny" };

interface Variant {
  name: string;
  event: CaseEventInput;
  /** Overrides of DEFAULT_CTX for this variant. */
  ctx?: Partial<TransitionContext>;
  /** From-state → target state when the rule's actor fires this event. */
  to: Partial<Record<CaseState, CaseState>>;
  /** The decision an allowed transition carries. */
  decision?: Decision;
  /**
   * For the rule's actor in a state of the rule's `from` that this variant still refuses (bad payload, workflow
   * or order): what the refusal must say.
   */
  refused?: Partial<Record<CaseState, RegExp>>;
}

interface ExpectedRule {
  actor: ActorKind;
  /** Every state from which the event is ever possible; other states are refused naming the current state. */
  from: CaseState[];
  variants: Variant[];
}

const same = (...states: CaseState[]): Partial<Record<CaseState, CaseState>> =>
  Object.fromEntries(states.map((s) => [s, s]));
const all = (states: CaseState[], to: CaseState): Partial<Record<CaseState, CaseState>> =>
  Object.fromEntries(states.map((s) => [s, to]));
const refusedIn = (states: CaseState[], message: RegExp): Partial<Record<CaseState, RegExp>> =>
  Object.fromEntries(states.map((s) => [s, message]));

/**
 * The expected lifecycle, written independently from PRODUCT.md "Case lifecycle": which actor may fire which
 * event from which states, and where each well-formed (or malformed) event leads.
 */
const EXPECTED: Record<CaseEventType, ExpectedRule> = {
  withdraw: {
    actor: "applicant",
    from: ["submitted", "supplementing"],
    variants: [{ name: "withdraw", event: { type: "withdraw" }, to: all(["submitted", "supplementing"], "withdrawn") }],
  },
  request_supplement: {
    actor: "lead_reviewer",
    from: ["submitted", "reviewing"],
    variants: [
      {
        name: "one missing material",
        event: { type: "request_supplement", missing: ["营业执照复印件"] },
        to: { submitted: "supplementing", reviewing: "suspended" },
      },
      {
        name: "several missing materials, some blank",
        event: { type: "request_supplement", missing: ["", "公司章程", "  "] },
        to: { submitted: "supplementing", reviewing: "suspended" },
      },
      {
        name: "empty list",
        event: { type: "request_supplement", missing: [] },
        to: {},
        refused: refusedIn(["submitted", "reviewing"], /补正/),
      },
      {
        name: "only blank entries",
        event: { type: "request_supplement", missing: ["", "   ", "\t"] },
        to: {},
        refused: refusedIn(["submitted", "reviewing"], /补正/),
      },
    ],
  },
  supplement: {
    actor: "applicant",
    from: ["supplementing", "suspended"],
    variants: [{ name: "supplement", event: { type: "supplement" }, to: { supplementing: "submitted", suspended: "reviewing" } }],
  },
  accept: {
    actor: "lead_reviewer",
    from: ["submitted"],
    variants: [
      { name: "accept", event: { type: "accept" }, to: { submitted: "reviewing" } },
      { name: "accept, workflow without review", event: { type: "accept" }, ctx: { steps: without("review") }, to: { submitted: "deciding" } },
    ],
  },
  refuse: {
    actor: "lead_reviewer",
    from: ["submitted"],
    variants: [
      { name: "refuse with reason", event: { type: "refuse", reason: "不属于本部门职权范围" }, to: { submitted: "not_accepted" } },
      { name: "refuse with blank reason", event: { type: "refuse", reason: "  " }, to: {}, refused: { submitted: /理由/ } },
    ],
  },
  opinion: {
    actor: "task_reviewer",
    from: ["reviewing"],
    variants: [
      { name: "agree, others pending", event: { type: "opinion", opinion: "agree", joinAfter: "pending" }, to: { reviewing: "reviewing" } },
      { name: "agree, all agreed now", event: { type: "opinion", opinion: "agree", joinAfter: "approve" }, to: { reviewing: "deciding" } },
      { name: "agree, another disagreed", event: { type: "opinion", opinion: "agree", joinAfter: "deny" }, to: { reviewing: "deciding" } },
      {
        name: "disagree with reason",
        event: { type: "opinion", opinion: "disagree", reason: "经营场所不符合消防要求", joinAfter: "deny" },
        to: { reviewing: "deciding" },
      },
      {
        name: "transfer with reason, others pending",
        event: { type: "opinion", opinion: "transfer", reason: "转报市级部门", joinAfter: "pending" },
        to: { reviewing: "reviewing" },
      },
      {
        name: "transfer with reason, all answered",
        event: { type: "opinion", opinion: "transfer", reason: "转报市级部门", joinAfter: "approve" },
        to: { reviewing: "deciding" },
      },
      {
        name: "disagree without reason",
        event: { type: "opinion", opinion: "disagree", joinAfter: "deny" },
        to: {},
        refused: { reviewing: /理由/ },
      },
      {
        name: "disagree with blank reason",
        event: { type: "opinion", opinion: "disagree", reason: " \n", joinAfter: "deny" },
        to: {},
        refused: { reviewing: /理由/ },
      },
      {
        name: "transfer without reason",
        event: { type: "opinion", opinion: "transfer", joinAfter: "pending" },
        to: {},
        refused: { reviewing: /理由/ },
      },
    ],
  },
  deem: {
    actor: "system",
    from: ["reviewing"],
    variants: [
      { name: "deemed, others pending", event: { type: "deem", joinAfter: "pending" }, to: { reviewing: "reviewing" } },
      { name: "deemed, all agreed now", event: { type: "deem", joinAfter: "approve" }, to: { reviewing: "deciding" } },
      { name: "deemed, another disagreed", event: { type: "deem", joinAfter: "deny" }, to: { reviewing: "deciding" } },
      {
        name: "workflow without deemed consent",
        event: { type: "deem", joinAfter: "approve" },
        ctx: { deemedConsent: false },
        to: {},
        refused: { reviewing: /默许/ },
      },
    ],
  },
  extend: {
    actor: "lead_reviewer",
    from: ["reviewing", "suspended", "deciding"],
    variants: [
      { name: "extend with reason", event: { type: "extend", reason: "需要现场核查" }, to: same("reviewing", "suspended", "deciding") },
      {
        name: "extend with blank reason",
        event: { type: "extend", reason: "   " },
        to: {},
        refused: refusedIn(["reviewing", "suspended", "deciding"], /理由/),
      },
      {
        name: "workflow without extension",
        event: { type: "extend", reason: "需要现场核查" },
        ctx: { extensionDays: 0 },
        to: {},
        refused: refusedIn(["reviewing", "suspended", "deciding"], /延期/),
      },
      {
        name: "already extended once",
        event: { type: "extend", reason: "需要现场核查" },
        ctx: { extended: true },
        to: {},
        refused: refusedIn(["reviewing", "suspended", "deciding"], /已延期/),
      },
    ],
  },
  decide: {
    actor: "lead_reviewer",
    from: ["deciding"],
    variants: [
      {
        name: "approve after all agreed",
        event: { type: "decide", decision: "approve" },
        ctx: { joinOutcome: "approve" },
        to: { deciding: "decided" },
        decision: "approve",
      },
      {
        name: "deny with reason after a disagreement",
        event: { type: "decide", decision: "deny", reason: "经营场所不符合消防要求" },
        ctx: { joinOutcome: "deny" },
        to: { deciding: "decided" },
        decision: "deny",
      },
      {
        name: "deny with reason although all agreed",
        event: { type: "decide", decision: "deny", reason: "申请人隐瞒有关情况" },
        ctx: { joinOutcome: "approve" },
        to: { deciding: "decided" },
        decision: "deny",
      },
      {
        name: "approve after a disagreement",
        event: { type: "decide", decision: "approve" },
        ctx: { joinOutcome: "deny" },
        to: {},
        refused: { deciding: /准予许可/ },
      },
      {
        name: "approve while review is pending",
        event: { type: "decide", decision: "approve" },
        ctx: { joinOutcome: "pending" },
        to: {},
        refused: { deciding: /准予许可/ },
      },
      {
        name: "approve without a join outcome",
        event: { type: "decide", decision: "approve" },
        ctx: { joinOutcome: null },
        to: {},
        refused: { deciding: /准予许可/ },
      },
      {
        name: "deny without reason",
        event: { type: "decide", decision: "deny" },
        ctx: { joinOutcome: "deny" },
        to: {},
        refused: { deciding: /理由/ },
      },
      {
        name: "deny with blank reason",
        event: { type: "decide", decision: "deny", reason: "  " },
        ctx: { joinOutcome: "deny" },
        to: {},
        refused: { deciding: /理由/ },
      },
    ],
  },
  certify: {
    actor: "lead_reviewer",
    from: ["decided"],
    variants: [
      { name: "certify an approval", event: { type: "certify" }, ctx: APPROVED, to: { decided: "certified" } },
      // Not a question of order: a denial is never certified, so only ask for a Chinese message.
      { name: "certify a denial", event: { type: "certify" }, ctx: DENIED, to: {}, refused: { decided: HAN } },
      {
        name: "certify, workflow without certify",
        event: { type: "certify" },
        ctx: { ...APPROVED, steps: without("certify") },
        to: {},
        refused: { decided: HAN },
      },
    ],
  },
  deliver: {
    actor: "lead_reviewer",
    from: ["decided", "certified"],
    variants: [
      {
        name: "window pickup of an approval",
        event: { type: "deliver", method: "window" },
        ctx: APPROVED,
        to: { certified: "delivered" },
        refused: { decided: /请先制证/ },
      },
      {
        name: "courier delivery of an approval",
        event: { type: "deliver", method: "courier", courierCompany: "中国邮政EMS", courierTracking: "1190012345678" },
        ctx: APPROVED,
        to: { certified: "delivered" },
        refused: { decided: /请先制证/ },
      },
      {
        name: "courier without tracking number",
        event: { type: "deliver", method: "courier", courierCompany: "中国邮政EMS" },
        ctx: APPROVED,
        to: {},
        refused: { decided: /请先制证/, certified: /快递/ },
      },
      {
        name: "courier without company",
        event: { type: "deliver", method: "courier", courierTracking: "1190012345678" },
        ctx: APPROVED,
        to: {},
        refused: { decided: /请先制证/, certified: /快递/ },
      },
      {
        name: "courier with blank company and tracking number",
        event: { type: "deliver", method: "courier", courierCompany: " ", courierTracking: "  " },
        ctx: DENIED,
        to: {},
        refused: { decided: /快递/, certified: /快递/ },
      },
      {
        name: "window pickup of a denial (no certificate)",
        event: { type: "deliver", method: "window" },
        ctx: DENIED,
        to: all(["decided", "certified"], "delivered"),
      },
      {
        name: "courier delivery of a denial",
        event: { type: "deliver", method: "courier", courierCompany: "顺丰速运", courierTracking: "SF1234567890" },
        ctx: DENIED,
        to: all(["decided", "certified"], "delivered"),
      },
      {
        name: "window pickup of an approval, workflow without certify",
        event: { type: "deliver", method: "window" },
        ctx: { ...APPROVED, steps: without("certify") },
        to: all(["decided", "certified"], "delivered"),
      },
      {
        name: "deliver, workflow without deliver",
        event: { type: "deliver", method: "window" },
        ctx: { ...APPROVED, steps: without("deliver") },
        to: {},
        // Delivery is not a step of this workflow, before or after certifying.
        refused: { decided: /没有送达环节/, certified: /没有送达环节/ },
      },
    ],
  },
  complete: {
    actor: "lead_reviewer",
    from: ["decided", "certified", "delivered"],
    variants: [
      {
        name: "complete an approval",
        event: { type: "complete" },
        ctx: APPROVED,
        to: { delivered: "completed" },
        refused: { decided: /请先制证/, certified: /请先送达/ },
      },
      {
        name: "complete a denial",
        event: { type: "complete" },
        ctx: DENIED,
        to: { delivered: "completed" },
        refused: { decided: /请先送达/, certified: /请先送达/ },
      },
      {
        name: "complete an approval, workflow without deliver",
        event: { type: "complete" },
        ctx: { ...APPROVED, steps: without("deliver") },
        to: all(["certified", "delivered"], "completed"),
        refused: { decided: /请先制证/ },
      },
      {
        name: "complete an approval, workflow without certify",
        event: { type: "complete" },
        ctx: { ...APPROVED, steps: without("certify") },
        to: { delivered: "completed" },
        refused: { decided: /请先送达/, certified: /请先送达/ },
      },
      {
        name: "complete an approval, workflow without certify and deliver",
        event: { type: "complete" },
        ctx: { ...APPROVED, steps: without("certify", "deliver") },
        to: all(["decided", "certified", "delivered"], "completed"),
      },
      {
        name: "complete a denial, workflow without deliver",
        event: { type: "complete" },
        ctx: { ...DENIED, steps: without("deliver") },
        to: all(["decided", "certified", "delivered"], "completed"),
      },
    ],
  },
};

describe("transition: every state × event type × actor", () => {
  it("the test table covers exactly the app's states and event types", () => {
    expect([...CASE_STATES].sort()).toEqual(
      [
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
      ].sort(),
    );
    expect([...CASE_EVENT_TYPES].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("the test table is consistent: every variant allows or explains every state of its rule", () => {
    for (const [type, rule] of Object.entries(EXPECTED)) {
      for (const v of rule.variants) {
        expect(v.event.type, `${type}: ${v.name}`).toBe(type);
        for (const state of rule.from) {
          const covered = (v.to[state] ? 1 : 0) + (v.refused?.[state] ? 1 : 0);
          expect(covered, `${type}: ${v.name} from ${state}`).toBe(1);
        }
        for (const state of [...Object.keys(v.to), ...Object.keys(v.refused ?? {})]) {
          expect(rule.from, `${type}: ${v.name}`).toContain(state);
        }
      }
    }
  });

  const cases: Array<[CaseState, CaseEventType, ActorKind, string, Variant]> = [];
  for (const state of CASE_STATES) {
    for (const type of CASE_EVENT_TYPES) {
      for (const actor of ACTORS) {
        for (const variant of EXPECTED[type].variants) cases.push([state, type, actor, variant.name, variant]);
      }
    }
  }

  it.each(cases)("%s + %s by %s: %s", (state, type, actor, _name, variant) => {
    const rule = EXPECTED[type];
    const result = transition(state, variant.event, actor, ctxWith(variant.ctx));
    const to = rule.actor === actor ? variant.to[state] : undefined;
    if (to) {
      expect(result).toEqual(variant.decision ? { ok: true, to, decision: variant.decision } : { ok: true, to });
      return;
    }
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty("to");
    if (result.ok) return;
    expect(result.message).toMatch(HAN);
    if (rule.actor !== actor) {
      // The wrong actor is told who may act.
      expect(result.message).toContain(ACTOR_WORD[rule.actor]);
    } else if (!rule.from.includes(state)) {
      // The wrong state is told the current state.
      expect(result.message).toContain(CASE_STATE_LABELS[state]);
    } else {
      expect(result.message).toMatch(variant.refused![state]!);
    }
  });

  it("final states accept no event from anyone", () => {
    for (const state of ["not_accepted", "completed", "withdrawn"] as const) {
      for (const type of CASE_EVENT_TYPES) {
        for (const actor of ACTORS) {
          for (const variant of EXPECTED[type].variants) {
            expect(transition(state, variant.event, actor, ctxWith(variant.ctx)).ok).toBe(false);
          }
        }
      }
    }
  });

  it("only the deadline scheduler (system) deems consent, and it does nothing else", () => {
    for (const state of CASE_STATES) {
      for (const type of CASE_EVENT_TYPES) {
        for (const variant of EXPECTED[type].variants) {
          const result = transition(state, variant.event, "system", ctxWith(variant.ctx));
          if (result.ok) expect([state, type]).toEqual(["reviewing", "deem"]);
        }
      }
    }
  });

  it("the wrong actor is told who may act, and the wrong state is told the current state", () => {
    const wrongActor = transition("submitted", { type: "accept" }, "applicant", DEFAULT_CTX);
    const wrongState = transition("reviewing", { type: "accept" }, "lead_reviewer", DEFAULT_CTX);
    expect(wrongActor.ok).toBe(false);
    expect(wrongState.ok).toBe(false);
    if (wrongActor.ok || wrongState.ok) return;
    expect(wrongActor.message).not.toEqual(wrongState.message);
    expect(wrongActor.message).toContain("牵头部门");
    expect(wrongState.message).toContain("审查中");
  });
});

describe("transition: payload and context validation", () => {
  it("extension refusals name their cause: not allowed, already extended, no reason", () => {
    const messages = [
      transition("reviewing", { type: "extend", reason: "需要现场核查" }, "lead_reviewer", ctxWith({ extensionDays: 0 })),
      transition("reviewing", { type: "extend", reason: "需要现场核查" }, "lead_reviewer", ctxWith({ extended: true })),
      transition("reviewing", { type: "extend", reason: "" }, "lead_reviewer", DEFAULT_CTX),
    ].map((r) => (r.ok ? "" : r.message));
    for (const m of messages) expect(m).toMatch(HAN);
    expect(new Set(messages).size).toBe(3);
  });

  it("agree needs no reason; disagree and transfer do", () => {
    expect(transition("reviewing", { type: "opinion", opinion: "agree", joinAfter: "pending" }, "task_reviewer", DEFAULT_CTX)).toEqual({
      ok: true,
      to: "reviewing",
    });
    for (const opinion of ["disagree", "transfer"] as const) {
      const result = transition("reviewing", { type: "opinion", opinion, joinAfter: "pending" }, "task_reviewer", DEFAULT_CTX);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/理由/);
    }
  });

  it.each<[Opinion, JoinOutcome, CaseState]>([
    ["agree", "pending", "reviewing"],
    ["agree", "approve", "deciding"],
    ["agree", "deny", "deciding"],
    ["disagree", "pending", "reviewing"],
    ["disagree", "deny", "deciding"],
    ["transfer", "pending", "reviewing"],
    ["transfer", "approve", "deciding"],
    ["transfer", "deny", "deciding"],
  ])("opinion %s with joinAfter %s → %s (no decision yet)", (opinion, joinAfter, to) => {
    const result = transition("reviewing", { type: "opinion", opinion, reason: "理由", joinAfter }, "task_reviewer", DEFAULT_CTX);
    expect(result).toEqual({ ok: true, to });
  });

  it("window delivery needs no courier details; courier needs both, trimmed", () => {
    const ctx = ctxWith(DENIED);
    expect(transition("decided", { type: "deliver", method: "window" }, "lead_reviewer", ctx)).toEqual({ ok: true, to: "delivered" });
    expect(
      transition("decided", { type: "deliver", method: "window", courierCompany: "", courierTracking: "" }, "lead_reviewer", ctx),
    ).toEqual({ ok: true, to: "delivered" });
    for (const [courierCompany, courierTracking] of [
      [undefined, undefined],
      ["顺丰速运", undefined],
      [undefined, "SF1234567890"],
      ["顺丰速运", " "],
      [" ", "SF1234567890"],
    ]) {
      const result = transition("decided", { type: "deliver", method: "courier", courierCompany, courierTracking }, "lead_reviewer", ctx);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/快递/);
    }
  });
});

/** Fires events one after another, carrying the decision and join outcome along like the services do. */
function run(
  ctx: TransitionContext,
  steps: Array<[CaseEventInput, ActorKind]>,
  from: CaseState = "submitted",
): { states: CaseState[]; ctx: TransitionContext } {
  let state = from;
  let current = ctx;
  const states: CaseState[] = [state];
  for (const [event, actor] of steps) {
    const result = transition(state, event, actor, current);
    if (!result.ok) throw new Error(`${state} + ${event.type}: ${result.message}`);
    state = result.to;
    if (result.decision) current = { ...current, decision: result.decision };
    if (event.type === "opinion" || event.type === "deem") current = { ...current, joinOutcome: event.joinAfter };
    states.push(state);
  }
  return { states, ctx: current };
}

const LEAD = "lead_reviewer" as const;

describe("workflow-dependent branches", () => {
  it("full workflow, approved: accept → review → decide → certify → deliver → complete", () => {
    const { states } = run(DEFAULT_CTX, [
      [{ type: "accept" }, LEAD],
      [{ type: "opinion", opinion: "agree", joinAfter: "pending" }, "task_reviewer"],
      [{ type: "deem", joinAfter: "approve" }, "system"],
      [{ type: "decide", decision: "approve" }, LEAD],
      [{ type: "certify" }, LEAD],
      [{ type: "deliver", method: "courier", courierCompany: "中国邮政EMS", courierTracking: "1190012345678" }, LEAD],
      [{ type: "complete" }, LEAD],
    ]);
    expect(states).toEqual(["submitted", "reviewing", "reviewing", "deciding", "decided", "certified", "delivered", "completed"]);
  });

  it("supplement before acceptance, then a suspension during review, then an extension", () => {
    const { states } = run(DEFAULT_CTX, [
      [{ type: "request_supplement", missing: ["公司章程"] }, LEAD],
      [{ type: "supplement" }, "applicant"],
      [{ type: "accept" }, LEAD],
      [{ type: "request_supplement", missing: ["消防验收意见书"] }, LEAD],
      [{ type: "extend", reason: "需要现场核查" }, LEAD],
      [{ type: "supplement" }, "applicant"],
    ]);
    expect(states).toEqual(["submitted", "supplementing", "submitted", "reviewing", "suspended", "suspended", "reviewing"]);
  });

  describe("no review step", () => {
    const ctx = ctxWith({ steps: without("review") });

    it("accept goes straight to deciding; the lead may then approve (desk records the join as approve)", () => {
      expect(transition("submitted", { type: "accept" }, LEAD, ctx)).toEqual({ ok: true, to: "deciding" });
      expect(transition("deciding", { type: "decide", decision: "approve" }, LEAD, { ...ctx, joinOutcome: "approve" })).toEqual({
        ok: true,
        to: "decided",
        decision: "approve",
      });
      const { states } = run({ ...ctx, joinOutcome: "approve" }, [
        [{ type: "accept" }, LEAD],
        [{ type: "decide", decision: "approve" }, LEAD],
        [{ type: "certify" }, LEAD],
        [{ type: "deliver", method: "window" }, LEAD],
        [{ type: "complete" }, LEAD],
      ]);
      expect(states).toEqual(["submitted", "deciding", "decided", "certified", "delivered", "completed"]);
    });

    it("there is nothing to review, deem or suspend in deciding", () => {
      expect(transition("deciding", { type: "opinion", opinion: "agree", joinAfter: "approve" }, "task_reviewer", ctx).ok).toBe(false);
      expect(transition("deciding", { type: "deem", joinAfter: "approve" }, "system", ctx).ok).toBe(false);
      expect(transition("deciding", { type: "request_supplement", missing: ["公司章程"] }, LEAD, ctx).ok).toBe(false);
    });
  });

  describe("no certify step", () => {
    const ctx = ctxWith({ ...APPROVED, steps: without("certify") });

    it("an approval is delivered directly after the decision, and cannot be certified", () => {
      expect(transition("decided", { type: "deliver", method: "window" }, LEAD, ctx)).toEqual({ ok: true, to: "delivered" });
      expect(transition("decided", { type: "certify" }, LEAD, ctx).ok).toBe(false);
      const complete = transition("decided", { type: "complete" }, LEAD, ctx);
      expect(complete.ok).toBe(false);
      if (!complete.ok) expect(complete.message).toMatch(/请先送达/);
    });

    it("the whole path skips certified", () => {
      const { states } = run(ctxWith({ steps: without("certify") }), [
        [{ type: "accept" }, LEAD],
        [{ type: "opinion", opinion: "transfer", reason: "转报市级部门", joinAfter: "approve" }, "task_reviewer"],
        [{ type: "decide", decision: "approve" }, LEAD],
        [{ type: "deliver", method: "window" }, LEAD],
        [{ type: "complete" }, LEAD],
      ]);
      expect(states).toEqual(["submitted", "reviewing", "deciding", "decided", "delivered", "completed"]);
    });
  });

  describe("neither certify nor deliver", () => {
    const ctx = ctxWith({ steps: without("certify", "deliver") });

    it("decide approve, then complete", () => {
      const { states } = run(ctx, [
        [{ type: "accept" }, LEAD],
        [{ type: "opinion", opinion: "agree", joinAfter: "approve" }, "task_reviewer"],
        [{ type: "decide", decision: "approve" }, LEAD],
        [{ type: "complete" }, LEAD],
      ]);
      expect(states).toEqual(["submitted", "reviewing", "deciding", "decided", "completed"]);
      const decided = { ...ctx, ...APPROVED };
      expect(transition("decided", { type: "certify" }, LEAD, decided).ok).toBe(false);
      expect(transition("decided", { type: "deliver", method: "window" }, LEAD, decided).ok).toBe(false);
    });
  });

  describe("certify but no deliver", () => {
    it("an approval is certified, then completed", () => {
      const { states } = run(ctxWith({ steps: without("deliver") }), [
        [{ type: "accept" }, LEAD],
        [{ type: "opinion", opinion: "agree", joinAfter: "approve" }, "task_reviewer"],
        [{ type: "decide", decision: "approve" }, LEAD],
        [{ type: "certify" }, LEAD],
        [{ type: "complete" }, LEAD],
      ]);
      expect(states).toEqual(["submitted", "reviewing", "deciding", "decided", "certified", "completed"]);
    });
  });

  describe("a denial skips certify", () => {
    const ctx = ctxWith(DENIED);

    it("deliver comes right after the decision; certify is refused; complete asks for delivery first", () => {
      expect(transition("decided", { type: "certify" }, LEAD, ctx).ok).toBe(false);
      expect(transition("decided", { type: "deliver", method: "window" }, LEAD, ctx)).toEqual({ ok: true, to: "delivered" });
      const complete = transition("decided", { type: "complete" }, LEAD, ctx);
      expect(complete.ok).toBe(false);
      if (!complete.ok) expect(complete.message).toMatch(/请先送达/);
    });

    it("the whole path: disagree → deny → deliver → complete", () => {
      const { states, ctx: end } = run(DEFAULT_CTX, [
        [{ type: "accept" }, LEAD],
        [{ type: "opinion", opinion: "disagree", reason: "经营场所不符合消防要求", joinAfter: "deny" }, "task_reviewer"],
        [{ type: "decide", decision: "deny", reason: "经营场所不符合消防要求" }, LEAD],
        [{ type: "deliver", method: "window" }, LEAD],
        [{ type: "complete" }, LEAD],
      ]);
      expect(states).toEqual(["submitted", "reviewing", "deciding", "decided", "delivered", "completed"]);
      expect(end.decision).toBe("deny");
    });

    it("without a deliver step a denial is completed right after the decision", () => {
      expect(transition("decided", { type: "complete" }, LEAD, { ...ctx, steps: without("deliver") })).toEqual({ ok: true, to: "completed" });
    });
  });

  it("refusals out of order say which step comes first", () => {
    const approved = ctxWith(APPROVED);
    const cases: Array<[CaseState, CaseEventInput, RegExp]> = [
      ["decided", { type: "deliver", method: "window" }, /^请先制证/],
      ["decided", { type: "complete" }, /^请先制证/],
      ["certified", { type: "complete" }, /^请先送达/],
    ];
    for (const [state, event, message] of cases) {
      const result = transition(state, event, LEAD, approved);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(message);
    }
  });
});

describe("nextLeadStep", () => {
  type Row = Record<CaseState, CaseEventType | null>;
  const BEFORE_DECISION = {
    submitted: "accept",
    supplementing: null,
    not_accepted: null,
    reviewing: null,
    suspended: null,
    deciding: "decide",
    completed: null,
    withdrawn: null,
  } as const;

  const TABLE: Array<[string, Partial<TransitionContext>, Pick<Row, "decided" | "certified" | "delivered">]> = [
    ["full workflow, approved", APPROVED, { decided: "certify", certified: "deliver", delivered: "complete" }],
    ["full workflow, denied", DENIED, { decided: "deliver", certified: "deliver", delivered: "complete" }],
    ["no certify, approved", { ...APPROVED, steps: without("certify") }, { decided: "deliver", certified: "deliver", delivered: "complete" }],
    ["no deliver, approved", { ...APPROVED, steps: without("deliver") }, { decided: "certify", certified: "complete", delivered: "complete" }],
    ["no deliver, denied", { ...DENIED, steps: without("deliver") }, { decided: "complete", certified: "complete", delivered: "complete" }],
    [
      "neither certify nor deliver, approved",
      { ...APPROVED, steps: without("certify", "deliver") },
      { decided: "complete", certified: "complete", delivered: "complete" },
    ],
  ];

  const cases: Array<[string, CaseState, CaseEventType | null, TransitionContext]> = [];
  for (const [name, over, after] of TABLE) {
    const row: Row = { ...BEFORE_DECISION, ...after };
    for (const state of CASE_STATES) cases.push([name, state, row[state], ctxWith(over)]);
  }

  it.each(cases)("%s: %s → %s", (_name, state, expected, ctx) => {
    expect(nextLeadStep(state, ctx)).toBe(expected);
  });

  it.each([
    ["full workflow", DEFAULT_CTX],
    ["no review", ctxWith({ steps: without("review") })],
  ])("%s: before the decision the lead accepts, then decides", (_name, ctx) => {
    expect(nextLeadStep("submitted", ctx)).toBe("accept");
    expect(nextLeadStep("deciding", ctx)).toBe("decide");
    expect(nextLeadStep("reviewing", ctx)).toBeNull();
  });

  it("the step it proposes is one the lead reviewer may take", () => {
    const events: Partial<Record<CaseEventType, CaseEventInput>> = {
      accept: { type: "accept" },
      decide: { type: "decide", decision: "deny", reason: "不符合条件" },
      certify: { type: "certify" },
      deliver: { type: "deliver", method: "window" },
      complete: { type: "complete" },
    };
    for (const [, over] of TABLE) {
      const ctx = ctxWith(over);
      for (const state of CASE_STATES) {
        const step = nextLeadStep(state, ctx);
        if (step) expect(transition(state, events[step]!, LEAD, ctx).ok, `${state}: ${step}`).toBe(true);
      }
    }
  });
});

describe("joinOpinions (all_agree, 转报 counts as 同意)", () => {
  it.each<[string, Array<Opinion | null>, JoinOutcome]>([
    ["no tasks", [], "pending"],
    ["one agree", ["agree"], "approve"],
    ["all agree", ["agree", "agree", "agree", "agree"], "approve"],
    ["a transfer among agrees", ["agree", "transfer", "agree"], "approve"],
    ["only a transfer", ["transfer"], "approve"],
    ["only transfers", ["transfer", "transfer"], "approve"],
    ["one disagree", ["disagree"], "deny"],
    ["disagree among agrees", ["agree", "disagree", "agree"], "deny"],
    ["disagree while others unanswered", [null, "disagree", null], "deny"],
    ["disagree with a transfer", ["transfer", "disagree"], "deny"],
    ["one unanswered among agrees", ["agree", null, "agree"], "pending"],
    ["one unanswered with a transfer", ["transfer", null], "pending"],
    ["only unanswered", [null, null], "pending"],
    ["a single unanswered", [null], "pending"],
  ])("%s → %s", (_name, opinions, outcome) => {
    expect(joinOpinions(opinions)).toBe(outcome);
  });

  it("order does not matter", () => {
    const opinions: Array<Opinion | null> = ["agree", null, "transfer", "disagree"];
    const permutations = [opinions, [...opinions].reverse(), [opinions[3], opinions[0], opinions[2], opinions[1]]];
    for (const p of permutations) expect(joinOpinions(p)).toBe("deny");
    const pending: Array<Opinion | null> = ["agree", "transfer", null];
    expect(joinOpinions(pending)).toBe("pending");
    expect(joinOpinions([...pending].reverse())).toBe("pending");
    const approve: Array<Opinion | null> = ["transfer", "agree", "agree"];
    expect(joinOpinions(approve)).toBe("approve");
    expect(joinOpinions([...approve].reverse())).toBe("approve");
  });
});
