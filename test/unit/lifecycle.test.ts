import { describe, expect, it } from "vitest";
import {
  CASE_EVENT_TYPES,
  CASE_STATES,
  joinOpinions,
  transition,
  type ActorKind,
  type CaseEventInput,
  type CaseEventType,
  type CaseState,
  type Decision,
  type JoinOutcome,
  type Opinion,
} from "~/cases/lifecycle";

const ACTORS: readonly ActorKind[] = ["applicant", "lead_reviewer", "task_reviewer"];
const HAN = /[\u4e00-\u9fff]/;

/**
 * The expected lifecycle, written independently from PRODUCT.md "Case lifecycle":
 * which actor may fire which event from which states.
 */
const EXPECTED_RULES: Record<CaseEventType, { actor: ActorKind; from: CaseState[] }> = {
  withdraw: { actor: "applicant", from: ["submitted", "supplementing"] },
  request_supplement: { actor: "lead_reviewer", from: ["submitted"] },
  supplement: { actor: "applicant", from: ["supplementing"] },
  accept: { actor: "lead_reviewer", from: ["submitted"] },
  refuse: { actor: "lead_reviewer", from: ["submitted"] },
  opinion: { actor: "task_reviewer", from: ["reviewing"] },
};

interface Variant {
  name: string;
  event: CaseEventInput;
  /** Where a well-formed event leads when the rule allows it. */
  to: CaseState;
  decision?: Decision;
}

/** Well-formed events for each type (opinion in every combination that matters). */
const VARIANTS: Record<CaseEventType, Variant[]> = {
  withdraw: [{ name: "withdraw", event: { type: "withdraw" }, to: "withdrawn" }],
  request_supplement: [
    { name: "one missing material", event: { type: "request_supplement", missing: ["营业执照复印件"] }, to: "supplementing" },
    {
      name: "several missing materials, some blank",
      event: { type: "request_supplement", missing: ["", "公司章程", "  "] },
      to: "supplementing",
    },
  ],
  supplement: [{ name: "supplement", event: { type: "supplement" }, to: "submitted" }],
  accept: [{ name: "accept", event: { type: "accept" }, to: "reviewing" }],
  refuse: [{ name: "refuse with reason", event: { type: "refuse", reason: "不属于本部门职权范围" }, to: "not_accepted" }],
  opinion: [
    { name: "agree, others pending", event: { type: "opinion", opinion: "agree", joinAfter: "pending" }, to: "reviewing" },
    {
      name: "agree, all agreed now",
      event: { type: "opinion", opinion: "agree", joinAfter: "approve" },
      to: "completed",
      decision: "approve",
    },
    {
      name: "disagree with reason",
      event: { type: "opinion", opinion: "disagree", reason: "经营场所不符合消防要求", joinAfter: "deny" },
      to: "completed",
      decision: "deny",
    },
    {
      name: "transfer, others pending",
      event: { type: "opinion", opinion: "transfer", reason: "转报市级部门", joinAfter: "pending" },
      to: "reviewing",
    },
    {
      name: "transfer without reason, others pending",
      event: { type: "opinion", opinion: "transfer", joinAfter: "pending" },
      to: "reviewing",
    },
  ],
};

describe("transition: every state × event type × actor", () => {
  it("the test table covers exactly the app's states and event types", () => {
    expect([...CASE_STATES].sort()).toEqual(
      ["completed", "not_accepted", "reviewing", "submitted", "supplementing", "withdrawn"].sort(),
    );
    expect([...CASE_EVENT_TYPES].sort()).toEqual(Object.keys(EXPECTED_RULES).sort());
  });

  const cases: Array<[CaseState, CaseEventType, ActorKind, Variant]> = [];
  for (const state of CASE_STATES) {
    for (const type of CASE_EVENT_TYPES) {
      for (const actor of ACTORS) {
        for (const variant of VARIANTS[type]) cases.push([state, type, actor, variant]);
      }
    }
  }

  it.each(cases)("%s + %s by %s (%#)", (state, type, actor, variant) => {
    const rule = EXPECTED_RULES[type];
    const allowed = rule.actor === actor && rule.from.includes(state);
    const result = transition(state, variant.event, actor);
    if (allowed) {
      expect(result).toEqual(
        variant.decision ? { ok: true, to: variant.to, decision: variant.decision } : { ok: true, to: variant.to },
      );
    } else {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.message).toMatch(HAN);
      expect(result).not.toHaveProperty("to");
    }
  });

  it("terminal states accept no event from anyone", () => {
    for (const state of ["not_accepted", "completed", "withdrawn"] as const) {
      for (const type of CASE_EVENT_TYPES) {
        for (const actor of ACTORS) {
          for (const variant of VARIANTS[type]) expect(transition(state, variant.event, actor).ok).toBe(false);
        }
      }
    }
  });

  it("the wrong actor is told who may act, and the wrong state is told the current state", () => {
    const wrongActor = transition("submitted", { type: "accept" }, "applicant");
    const wrongState = transition("reviewing", { type: "accept" }, "lead_reviewer");
    expect(wrongActor.ok).toBe(false);
    expect(wrongState.ok).toBe(false);
    if (wrongActor.ok || wrongState.ok) return;
    expect(wrongActor.message).not.toEqual(wrongState.message);
    expect(wrongState.message).toContain("审查中");
  });
});

describe("transition: payload validation", () => {
  it.each([
    ["empty list", []],
    ["only blank entries", ["", "   ", "\t"]],
  ])("request_supplement with %s is refused even for the lead reviewer on a submitted case", (_name, missing) => {
    const result = transition("submitted", { type: "request_supplement", missing }, "lead_reviewer");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(HAN);
  });

  it.each([[""], ["   "], ["\n\t"]])("refuse with blank reason %j is refused", (reason) => {
    const result = transition("submitted", { type: "refuse", reason }, "lead_reviewer");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(HAN);
  });

  it.each<[string, string | undefined, JoinOutcome]>([
    ["no reason", undefined, "deny"],
    ["empty reason", "", "deny"],
    ["blank reason", "   ", "deny"],
    ["no reason, others pending", undefined, "pending"],
  ])("disagree with %s is refused", (_name, reason, joinAfter) => {
    const result = transition("reviewing", { type: "opinion", opinion: "disagree", reason, joinAfter }, "task_reviewer");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(HAN);
  });

  it("agree needs no reason", () => {
    expect(transition("reviewing", { type: "opinion", opinion: "agree", joinAfter: "pending" }, "task_reviewer")).toEqual({
      ok: true,
      to: "reviewing",
    });
  });

  it.each<[Opinion, JoinOutcome, CaseState, Decision | undefined]>([
    ["agree", "pending", "reviewing", undefined],
    ["agree", "approve", "completed", "approve"],
    ["agree", "deny", "completed", "deny"],
    ["disagree", "deny", "completed", "deny"],
    ["transfer", "pending", "reviewing", undefined],
    ["transfer", "deny", "completed", "deny"],
  ])("opinion %s with joinAfter %s → %s (%s)", (opinion, joinAfter, to, decision) => {
    const result = transition("reviewing", { type: "opinion", opinion, reason: "理由", joinAfter }, "task_reviewer");
    expect(result).toEqual(decision ? { ok: true, to, decision } : { ok: true, to });
  });
});

describe("joinOpinions (all_agree)", () => {
  it.each<[string, Array<Opinion | null>, JoinOutcome]>([
    ["no tasks", [], "pending"],
    ["one agree", ["agree"], "approve"],
    ["all agree", ["agree", "agree", "agree", "agree"], "approve"],
    ["one disagree", ["disagree"], "deny"],
    ["disagree among agrees", ["agree", "disagree", "agree"], "deny"],
    ["disagree while others unanswered", [null, "disagree", null], "deny"],
    ["disagree with a transfer", ["transfer", "disagree"], "deny"],
    ["one unanswered among agrees", ["agree", null, "agree"], "pending"],
    ["only unanswered", [null, null], "pending"],
    ["a transfer among agrees", ["agree", "transfer", "agree"], "pending"],
    ["only a transfer", ["transfer"], "pending"],
  ])("%s → %s", (_name, opinions, outcome) => {
    expect(joinOpinions(opinions)).toBe(outcome);
  });

  it("order does not matter", () => {
    const opinions: Array<Opinion | null> = ["agree", null, "transfer", "disagree"];
    const permutations = [opinions, [...opinions].reverse(), [opinions[3], opinions[0], opinions[2], opinions[1]]];
    for (const p of permutations) expect(joinOpinions(p)).toBe("deny");
    const pending: Array<Opinion | null> = ["agree", "agree", null];
    expect(joinOpinions(pending)).toBe("pending");
    expect(joinOpinions([...pending].reverse())).toBe("pending");
  });
});
