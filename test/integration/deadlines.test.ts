import { beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "~/cases/desk.server";
import { Case, CaseEvent, ReviewTask } from "~/cases/models.server";
import { giveOpinion } from "~/cases/review.server";
import { sweepDeadlines } from "~/cases/scheduler.server";
import { submitApplication } from "~/cases/submit.server";
import type { CurrentUser } from "~/identity/session.server";
import { freshDatabase, itemByName, userNamed } from "../support/db";
import { ENTERPRISE_OPENING, enterpriseOpeningData, newKey } from "../support/fixtures";

let citizen: CurrentUser;
let lead: CurrentUser;
let police: CurrentUser;
let tax: CurrentUser;
let social: CurrentUser;

// Thursday 2026-11-26 10:00 China time. Co-departments answer within 1 working day: by Friday 11-27.
const THURSDAY = new Date("2026-11-26T02:00:00Z");
const FRIDAY = new Date("2026-11-27T09:00:00Z");
const MONDAY = new Date("2026-11-30T01:00:00Z");

beforeAll(async () => {
  await freshDatabase();
  [citizen, lead, police, tax, social] = await Promise.all(["13912345678", "reviewer_scjg", "reviewer_gaj", "reviewer_swj", "reviewer_rsj"].map(userNamed));
});

async function acceptedOpening(): Promise<number> {
  const item = await itemByName(ENTERPRISE_OPENING);
  const result = await submitApplication({ user: citizen, itemId: item.id, versionId: item.publishedVersionId!, formData: enterpriseOpeningData(), submissionKey: newKey(), now: THURSDAY });
  if ("errors" in result) throw new Error(JSON.stringify(result.errors));
  await actOnCase(lead, result.case.id, { type: "accept" }, THURSDAY);
  return result.case.id;
}

describe("the deadline scheduler", () => {
  it("deems a late co-department to consent at its deadline, exactly once, even when several processes sweep at once", async () => {
    const caseId = await acceptedOpening();
    await giveOpinion(lead, { caseId, opinion: "agree" }, THURSDAY);
    await giveOpinion(police, { caseId, opinion: "agree" }, THURSDAY);
    await giveOpinion(tax, { caseId, opinion: "agree" }, THURSDAY);

    // On the deadline day nothing happens yet.
    expect((await sweepDeadlines(FRIDAY)).deemed).toBe(0);
    expect((await ReviewTask.findOne({ where: { caseId, departmentId: social.departmentId! } }))!.state).toBe("pending");

    // The next working day, three sweeps at once (as three app processes would) deem it once.
    const reports = await Promise.all([sweepDeadlines(MONDAY), sweepDeadlines(MONDAY), sweepDeadlines(MONDAY)]);
    expect(reports.reduce((n, r) => n + r.deemed, 0)).toBeGreaterThanOrEqual(1);
    const task = (await ReviewTask.findOne({ where: { caseId, departmentId: social.departmentId! } }))!;
    expect([task.state, task.opinion, task.deemed, task.reviewerId]).toEqual(["done", "agree", true, null]);
    expect(await CaseEvent.count({ where: { caseId, type: "deem" } })).toBe(1);
    expect(await CaseEvent.count({ where: { caseId, type: "join" } })).toBe(1);
    const kase = (await Case.findByPk(caseId))!;
    expect([kase.state, kase.joinOutcome]).toEqual(["deciding", "approve"]);
  });

  it("flags an overdue case once", async () => {
    const caseId = await acceptedOpening();
    // Promised 1 working day from Thursday: due Friday 11-27; Monday it is overdue.
    const sweeps = await Promise.all([sweepDeadlines(MONDAY), sweepDeadlines(MONDAY)]);
    expect(sweeps.reduce((n, r) => n + r.overdue, 0)).toBeGreaterThanOrEqual(1);
    expect((await Case.findByPk(caseId))!.overdue).toBe(true);
    expect(await CaseEvent.count({ where: { caseId, type: "overdue" } })).toBe(1);
    await sweepDeadlines(new Date("2026-12-01T01:00:00Z"));
    expect(await CaseEvent.count({ where: { caseId, type: "overdue" } })).toBe(1);
  });

  it("does not deem consent while the clock is paused for a supplement", async () => {
    const caseId = await acceptedOpening();
    await actOnCase(lead, caseId, { type: "request_supplement", missing: ["法定代表人身份证复印件"] }, THURSDAY);
    await sweepDeadlines(MONDAY);
    expect(await ReviewTask.count({ where: { caseId, state: "done" } })).toBe(0);
    expect(await CaseEvent.count({ where: { caseId, type: "overdue" } })).toBe(0);
  });

  it("does not deem consent when the workflow does not allow it", async () => {
    // 农村村民宅基地审批 (deemedConsent true) vs 高龄补贴 (false): use the town item whose workflow says false.
    const allowance = await itemByName("80周岁以上高龄老人生活补贴申领");
    const { loadPublishedItem } = await import("~/catalog/service.server");
    const published = (await loadPublishedItem(allowance.id))!;
    expect(published.workflow.deemedConsent).toBe(false);
    const { sampleFor } = await import("../support/fixtures");
    const result = await submitApplication({
      user: citizen,
      itemId: allowance.id,
      versionId: allowance.publishedVersionId!,
      formData: sampleFor(published.form.jsonSchema as never) as Record<string, unknown>,
      submissionKey: newKey(),
      now: THURSDAY,
    });
    if ("errors" in result) throw new Error(JSON.stringify(result.errors));
    const townReviewer = await userNamed("reviewer_cgz");
    await actOnCase(townReviewer, result.case.id, { type: "accept" }, THURSDAY);
    await sweepDeadlines(new Date("2027-03-01T01:00:00Z"));
    expect(await ReviewTask.count({ where: { caseId: result.case.id, deemed: true } })).toBe(0);
  });
});
