import { beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "~/cases/desk.server";
import { giveOpinion } from "~/cases/review.server";
import { CaseActionError } from "~/cases/case-transaction.server";
import { Case, CaseEvent, ReviewTask } from "~/cases/models.server";
import { applicantCaseDetail, documentForUser, reviewerCaseDetail } from "~/cases/queries.server";
import { departmentQueue, queueCounts } from "~/cases/workbench.server";
import { submitApplication } from "~/cases/submit.server";
import { TRACKING_NUMBER_PATTERN } from "~/cases/tracking-number";
import { IssuedDocument } from "~/documents/models.server";
import { loadPublishedItem } from "~/catalog/service.server";
import { prefillFormData } from "~/forms/prefill";
import { prefillSources } from "~/forms/prefill.server";
import type { CurrentUser } from "~/identity/session.server";
import { Licence } from "~/licences/models.server";
import { OutboxMessage } from "~/notify/models.server";
import { freshDatabase, itemByName, userNamed } from "../support/db";
import { ENTERPRISE_OPENING, enterpriseOpeningData, newKey, sampleFor, type JsonNode } from "../support/fixtures";

let citizen: CurrentUser;
let lead: CurrentUser;
let police: CurrentUser;
let tax: CurrentUser;
let social: CurrentUser;
let civil: CurrentUser;
let itemId: number;
let versionId: number;

// Thursday 2026-11-26, 10:00 China time.
const NOW = new Date("2026-11-26T02:00:00Z");

beforeAll(async () => {
  await freshDatabase();
  [citizen, lead, police, tax, social, civil] = await Promise.all(
    ["13912345678", "reviewer_scjg", "reviewer_gaj", "reviewer_swj", "reviewer_rsj", "reviewer_mzj"].map(userNamed),
  );
  const item = await itemByName(ENTERPRISE_OPENING);
  itemId = item.id;
  versionId = item.publishedVersionId!;
});

async function submit(data = enterpriseOpeningData(), key = newKey(), now = NOW) {
  const result = await submitApplication({ user: citizen, itemId, versionId, formData: data, submissionKey: key, now });
  if ("errors" in result) throw new Error(JSON.stringify(result.errors));
  return result.case;
}

/**
 * Holds every reader of review tasks until `parties` readers have arrived (or `maxWaitMs` passed), so two
 * transactions read the same case state at the same moment unless the engine's row lock makes one wait.
 */
function holdTaskReaders(parties: number, maxWaitMs: number) {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((r) => (release = r));
  ReviewTask.addHook("afterFind", "barrier", async () => {
    if (++arrived >= parties) release();
    await Promise.race([all, new Promise((r) => setTimeout(r, maxWaitMs))]);
  });
  return () => ReviewTask.removeHook("afterFind", "barrier");
}

/** A valid application for 个体工商户设立登记, built from its own schema's required fields and enums. */
async function validIndividualBusinessData(): Promise<Record<string, unknown>> {
  const item = await itemByName("个体工商户设立登记");
  const published = (await loadPublishedItem(item.id))!;
  return sampleFor(published.form.jsonSchema as unknown as JsonNode) as Record<string, unknown>;
}

async function rejected(promise: Promise<unknown>): Promise<CaseActionError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(CaseActionError);
  return error as CaseActionError;
}

describe("submitting an application", () => {
  it("validates on the server against the pinned schema and stores nothing when invalid", async () => {
    const before = await Case.count();
    const result = await submitApplication({
      user: citizen,
      itemId,
      versionId,
      formData: enterpriseOpeningData({ mobile: "12345", companyName: undefined, legalRepresentative: { name: "张三", idCard: "bad", mobile: "13912345678" } }),
      submissionKey: newKey(),
    });
    expect("errors" in result).toBe(true);
    const errors = "errors" in result ? result.errors : [];
    expect(errors).toContainEqual({ path: "companyName", message: "企业名称：此项为必填项" });
    expect(errors.find((e) => e.path === "mobile")?.message).toMatch(/^经办人手机号码：/);
    expect(errors.find((e) => e.path === "legalRepresentative.idCard")?.message).toMatch(/^法定代表人 › 公民身份号码：/);
    expect(await Case.count()).toBe(before);
  });

  it("refuses a submission against a version that is no longer the published one", async () => {
    const result = await submitApplication({ user: citizen, itemId, versionId: versionId + 1000, formData: enterpriseOpeningData(), submissionKey: newKey() });
    expect("errors" in result && result.errors[0].message).toMatch(/已更新/);
  });

  it("gives a national-format tracking number, a working-day deadline, a timeline event and an SMS", async () => {
    const kase = await submit();
    expect(kase.trackingNumber).toMatch(TRACKING_NUMBER_PATTERN);
    const item = await itemByName(ENTERPRISE_OPENING);
    expect(kase.trackingNumber.slice(0, 31)).toBe(item.implementationCode);
    expect(kase.trackingNumber.slice(31, 39)).toBe("20261126");
    // Promised 1 working day from Thursday 2026-11-26 → Friday 27th; legal 15 → Thursday 2026-12-17.
    expect(kase.dueDate).toBe("2026-11-27");
    expect(kase.legalDueDate).toBe("2026-12-17");
    expect(await CaseEvent.count({ where: { caseId: kase.id, type: "submit" } })).toBe(1);
    expect(await OutboxMessage.count({ where: { caseId: kase.id, template: "case_submitted" } })).toBe(1);
  });

  it("skips the National Day holiday and counts the make-up working day when setting the deadline", async () => {
    // Wednesday 2026-09-30 + 1 working day: Oct 1–7 are holidays, so the deadline is Thursday Oct 8.
    const kase = await submit(enterpriseOpeningData(), newKey(), new Date("2026-09-30T02:00:00Z"));
    expect(kase.dueDate).toBe("2026-10-08");
  });

  it("is idempotent: the same submission key sent twice, even at the same moment, makes one case", async () => {
    const key = newKey();
    const [a, b, c] = await Promise.all([submit(undefined, key), submit(undefined, key), submit(undefined, key)]);
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect(await Case.count({ where: { submissionKey: key } })).toBe(1);
  });

  it("numbers concurrent submissions of one day without gaps or duplicates", async () => {
    const day = new Date("2026-12-01T02:00:00Z");
    const cases = await Promise.all(Array.from({ length: 8 }, () => submit(enterpriseOpeningData(), newKey(), day)));
    const sequences = cases.map((c) => Number(c.trackingNumber.slice(-4))).sort((x, y) => x - y);
    expect(sequences).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("only lets citizens and enterprises apply", async () => {
    const error = await rejected(submitApplication({ user: lead, itemId, versionId, formData: enterpriseOpeningData(), submissionKey: newKey() }));
    expect(error.status).toBe(403);
  });
});

describe("acceptance and parallel review of 企业开办", () => {
  it("lets only the lead department accept, and creates a task for every department at once", async () => {
    const kase = await submit();
    const error = await rejected(actOnCase(police, kase.id, { type: "accept" }));
    expect(error.status).toBe(403);
    expect((await Case.findByPk(kase.id))!.state).toBe("submitted");

    await actOnCase(lead, kase.id, { type: "accept" }, NOW);
    const tasks = await ReviewTask.findAll({ where: { caseId: kase.id } });
    expect(tasks).toHaveLength(4);
    expect(tasks.filter((t) => t.role === "co").map((t) => t.task).sort()).toEqual(["印章刻制备案", "发票申领", "社会保险登记"].sort());
    const notice = await IssuedDocument.findOne({ where: { caseId: kase.id, kind: "acceptance_notice" } });
    expect(notice!.number).toMatch(/^紫市监受〔2026〕\d{4}号$/);
    expect(notice!.html).toContain("受理通知书");
    expect(notice!.html).toContain("紫阳县公安局");

    const again = await rejected(actOnCase(lead, kase.id, { type: "accept" }));
    expect(again.message).toMatch(/审查中/);
    expect(await ReviewTask.count({ where: { caseId: kase.id } })).toBe(4);
  });

  it("shows each reviewer only the tasks of their own department", async () => {
    const kase = await submit();
    await actOnCase(lead, kase.id, { type: "accept" }, NOW);
    const asStaff = (u: CurrentUser) => u as CurrentUser & { departmentId: number };
    const policeQueue = await departmentQueue(asStaff(police), { queue: "review" });
    expect(policeQueue.rows.every((r) => r.task === "印章刻制备案")).toBe(true);
    expect(policeQueue.rows.some((r) => r.id === kase.id)).toBe(true);
    expect((await departmentQueue(asStaff(police), { queue: "accept" })).rows).toEqual([]);
    expect((await queueCounts(asStaff(police))).accept).toBe(0);
    const civilQueue = await departmentQueue(asStaff(civil), { queue: "review" });
    expect(civilQueue.rows.some((r) => r.id === kase.id)).toBe(false);
    await rejected(reviewerCaseDetail(civil, kase.id));
    const view = await reviewerCaseDetail(police, kase.id);
    expect(view.sections.filter((s) => s.mine).map((s) => s.key)).toEqual(["seal"]);
  });

  it("joins exactly once when the last two departments answer at the same moment", async () => {
    for (let round = 0; round < 3; round++) {
      const kase = await submit();
      await actOnCase(lead, kase.id, { type: "accept" }, NOW);
      await giveOpinion(lead, { caseId: kase.id, opinion: "agree" });
      await giveOpinion(police, { caseId: kase.id, opinion: "agree" });
      const stopHolding = holdTaskReaders(2, 300);
      const results = await Promise.allSettled([
        giveOpinion(tax, { caseId: kase.id, opinion: "agree" }),
        giveOpinion(social, { caseId: kase.id, opinion: "agree", reason: "参保信息齐全" }),
      ]).finally(stopHolding);
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);

      const reviewed = (await Case.findByPk(kase.id))!;
      expect([reviewed.state, reviewed.joinOutcome]).toEqual(["deciding", "approve"]);
      const tasks = await ReviewTask.findAll({ where: { caseId: kase.id } });
      expect(tasks.map((t) => t.opinion)).toEqual(["agree", "agree", "agree", "agree"]);
      expect(await CaseEvent.count({ where: { caseId: kase.id, type: "opinion" } })).toBe(4);
      expect(await CaseEvent.count({ where: { caseId: kase.id, type: "join" } })).toBe(1);
      expect(await OutboxMessage.count({ where: { caseId: kase.id, template: "case_reviewed" } })).toBe(1);
    }
  });

  it("takes an approved case through 决定, 制证, 送达 and 办结, each only in its turn", async () => {
    const kase = await submit();
    await actOnCase(lead, kase.id, { type: "accept" }, NOW);
    await Promise.all([lead, police, tax, social].map((u) => giveOpinion(u, { caseId: kase.id, opinion: "agree" })));
    expect((await Case.findByPk(kase.id))!.state).toBe("deciding");
    expect((await rejected(actOnCase(lead, kase.id, { type: "complete" }))).message).toMatch(/不能办结/);
    expect((await rejected(actOnCase(police, kase.id, { type: "decide", decision: "approve" }))).status).toBe(403);

    await actOnCase(lead, kase.id, { type: "decide", decision: "approve" }, NOW);
    expect(await IssuedDocument.count({ where: { caseId: kase.id, kind: "approval_decision" } })).toBe(1);
    expect(await Licence.count({ where: { caseId: kase.id } })).toBe(0);
    expect((await rejected(actOnCase(lead, kase.id, { type: "deliver", method: "window" }))).message).toBe("请先制证");

    await actOnCase(lead, kase.id, { type: "certify" }, NOW);
    const licence = (await Licence.findOne({ where: { caseId: kase.id } }))!;
    expect([licence.name, licence.holderName]).toEqual(["营业执照", "紫阳县汉水富硒茶业有限公司"]);
    expect(licence.verifyCode).toMatch(/^[2-9A-Z]{12}$/);

    const courierWithoutWaybill = await rejected(actOnCase(lead, kase.id, { type: "deliver", method: "courier", courierCompany: "中国邮政EMS" }));
    expect(courierWithoutWaybill.message).toBe("快递送达必须填写快递公司和运单号");
    await actOnCase(lead, kase.id, { type: "deliver", method: "courier", courierCompany: "中国邮政EMS", courierTracking: "1188523456789" }, NOW);
    await actOnCase(lead, kase.id, { type: "complete" }, NOW);
    const done = (await Case.findByPk(kase.id))!;
    expect([done.state, done.decision, done.deliveryMethod, done.courierTracking]).toEqual(["completed", "approve", "courier", "1188523456789"]);
    expect(await OutboxMessage.count({ where: { caseId: kase.id, template: "case_shipped" } })).toBe(1);

    // The licence now prefills later applications, e.g. 食品经营许可 takes the operator's name from it.
    const food = await itemByName("食品经营许可证核发");
    const foodForm = (await loadPublishedItem(food.id))!.form;
    const prefilled = prefillFormData(foodForm.prefill, await prefillSources(citizen));
    expect(prefilled.operatorName).toBe("紫阳县汉水富硒茶业有限公司");
    expect(prefilled.applicantName).toBe("张三");
    expect(await OutboxMessage.count({ where: { caseId: kase.id, template: "case_completed" } })).toBe(1);
  });

  it("requires a reason to disagree, and any disagreement leads to a reasoned 不予许可", async () => {
    const kase = await submit();
    await actOnCase(lead, kase.id, { type: "accept" }, NOW);
    const noReason = await rejected(giveOpinion(tax, { caseId: kase.id, opinion: "disagree", reason: "  " }));
    expect(noReason.message).toBe("不同意必须说明理由");
    expect((await ReviewTask.findOne({ where: { caseId: kase.id, departmentId: tax.departmentId! } }))!.state).toBe("pending");

    await giveOpinion(tax, { caseId: kase.id, opinion: "disagree", reason: "办税人员未完成实名认证" });
    const reviewed = (await Case.findByPk(kase.id))!;
    expect([reviewed.state, reviewed.joinOutcome]).toEqual(["deciding", "deny"]);
    const late = await rejected(giveOpinion(police, { caseId: kase.id, opinion: "agree" }));
    expect(late.message).toMatch(/待决定/);

    expect((await rejected(actOnCase(lead, kase.id, { type: "decide", decision: "approve" }))).message).toMatch(/有部门不同意/);
    expect((await rejected(actOnCase(lead, kase.id, { type: "decide", decision: "deny" }))).message).toBe("不予许可必须说明理由");
    await actOnCase(lead, kase.id, { type: "decide", decision: "deny", reason: "发票申领条件不具备" }, NOW);
    const decision = (await IssuedDocument.findOne({ where: { caseId: kase.id, kind: "denial_decision" } }))!;
    expect(decision.number).toMatch(/^紫市监不许〔2026〕\d{4}号$/);
    expect(decision.html).toContain("发票申领条件不具备");
    expect(decision.html).toContain("办税人员未完成实名认证");
    // A refusal skips 制证.
    await actOnCase(lead, kase.id, { type: "deliver", method: "window" }, NOW);
    await actOnCase(lead, kase.id, { type: "complete" }, NOW);
    expect((await Case.findByPk(kase.id))!.state).toBe("completed");
    expect(await Licence.count({ where: { caseId: kase.id } })).toBe(0);
  });

  it("treats a repeated identical opinion as a retry and a different one as an error", async () => {
    const kase = await submit();
    await actOnCase(lead, kase.id, { type: "accept" }, NOW);
    await giveOpinion(police, { caseId: kase.id, opinion: "agree" });
    await giveOpinion(police, { caseId: kase.id, opinion: "agree" });
    expect(await CaseEvent.count({ where: { caseId: kase.id, type: "opinion" } })).toBe(1);
    const changed = await rejected(giveOpinion(police, { caseId: kase.id, opinion: "disagree", reason: "x" }));
    expect(changed.message).toMatch(/已提交审查意见/);
  });

  it("refuses acceptance with a reason and issues the 不予受理决定书", async () => {
    const kase = await submit();
    const noReason = await rejected(actOnCase(lead, kase.id, { type: "refuse", reason: "" }));
    expect(noReason.message).toBe("不予受理必须说明理由");
    await actOnCase(lead, kase.id, { type: "refuse", reason: "申请事项依法不属于本机关职权范围" }, NOW);
    expect((await Case.findByPk(kase.id))!.state).toBe("not_accepted");
    const doc = (await IssuedDocument.findOne({ where: { caseId: kase.id, kind: "rejection_notice" } }))!;
    expect(doc.html).toContain("申请事项依法不属于本机关职权范围");
    expect(await ReviewTask.count({ where: { caseId: kase.id } })).toBe(0);
  });

  it("lets the applicant withdraw before acceptance only", async () => {
    const kase = await submit();
    await actOnCase(citizen, kase.id, { type: "withdraw" });
    expect((await Case.findByPk(kase.id))!.state).toBe("withdrawn");
    const other = await submit();
    await actOnCase(lead, other.id, { type: "accept" }, NOW);
    const error = await rejected(actOnCase(citizen, other.id, { type: "withdraw" }));
    expect(error.message).toMatch(/不能撤回申请/);
  });

  it("pauses the clock for a supplement during review and moves every deadline by the paused working days", async () => {
    const kase = await submit();
    await actOnCase(lead, kase.id, { type: "accept" }, NOW); // Thu 2026-11-26: due Fri 11-27, co-departments 11-27
    await actOnCase(lead, kase.id, { type: "request_supplement", missing: ["股东身份证明复印件"] }, NOW);
    const paused = (await Case.findByPk(kase.id))!;
    expect([paused.state, paused.pausedOn]).toEqual(["suspended", "2026-11-26"]);
    expect((await rejected(giveOpinion(police, { caseId: kase.id, opinion: "agree" }))).message).toMatch(/暂停计时/);

    const corrected = enterpriseOpeningData({ registeredCapital: 80 });
    const invalid = await rejected(actOnCase(citizen, kase.id, { type: "supplement", formData: { ...corrected, mobile: "1" } }));
    expect(invalid.fields.map((f) => f.path)).toEqual(["mobile"]);
    expect((await Case.findByPk(kase.id))!.state).toBe("suspended");

    // Supplemented on Wednesday 2026-12-02: 4 working days paused (Fri, Mon, Tue, Wed).
    await actOnCase(citizen, kase.id, { type: "supplement", formData: corrected }, new Date("2026-12-02T02:00:00Z"));
    const resumed = (await Case.findByPk(kase.id))!;
    expect([resumed.state, resumed.pausedOn, resumed.dueDate]).toEqual(["reviewing", null, "2026-12-03"]);
    expect(resumed.formData.registeredCapital).toBe(80);
    const tasks = await ReviewTask.findAll({ where: { caseId: kase.id } });
    expect(new Set(tasks.map((t) => t.dueDate))).toEqual(new Set(["2026-12-03"]));
  });

  it("extends once, with a reason, by the workflow's extension days", async () => {
    const individual = await itemByName("个体工商户设立登记");
    const result = await submitApplication({
      user: citizen,
      itemId: individual.id,
      versionId: individual.publishedVersionId!,
      formData: await validIndividualBusinessData(),
      submissionKey: newKey(),
      now: NOW,
    });
    if ("errors" in result) throw new Error(JSON.stringify(result.errors));
    const id = result.case.id;
    await actOnCase(lead, id, { type: "accept" }, NOW);
    const before = (await Case.findByPk(id))!;
    expect((await rejected(actOnCase(lead, id, { type: "extend", reason: " " }))).message).toBe("延期必须说明理由");
    await actOnCase(lead, id, { type: "extend", reason: "需现场核查经营场所" }, NOW);
    const after = (await Case.findByPk(id))!;
    expect(before.dueDate).toBe("2026-11-27");
    expect(after.dueDate).toBe("2026-12-02"); // + 3 working days
    expect((await rejected(actOnCase(lead, id, { type: "extend", reason: "再次延期" }))).message).toBe("办件已延期一次，不能再次延期");
    const notice = (await IssuedDocument.findOne({ where: { caseId: id, kind: "extension_notice" } }))!;
    expect(notice.number).toMatch(/^紫市监延〔2026〕\d{4}号$/);
    expect(notice.html).toContain("需现场核查经营场所");
    expect(notice.html).toContain("2026年12月2日");
  });
});

describe("who sees what", () => {
  it("shows the applicant their timeline and documents, and hides the case and its documents from others", async () => {
    const kase = await submit();
    await actOnCase(lead, kase.id, { type: "accept" }, NOW);
    const detail = await applicantCaseDetail(citizen, kase.id);
    expect(detail.events.map((e) => e.note)[0]).toBe("网上提交申请");
    expect(detail.documents.map((d) => d.kind)).toEqual(["acceptance_notice"]);

    const enterprise = await userNamed("ziyang_tea");
    expect((await rejected(applicantCaseDetail(enterprise, kase.id))).status).toBe(404);
    const docId = detail.documents[0].id;
    expect((await documentForUser(citizen, docId)).kind).toBe("acceptance_notice");
    expect((await documentForUser(police, docId)).kind).toBe("acceptance_notice");
    expect((await rejected(documentForUser(enterprise, docId))).status).toBe(404);
    expect((await rejected(documentForUser(civil, docId))).status).toBe(404);
  });
});
