import { beforeAll, describe, expect, it } from "vitest";
import { CaseActionError } from "~/cases/case-transaction.server";
import { actOnCase } from "~/cases/desk.server";
import { Case } from "~/cases/models.server";
import { giveOpinion } from "~/cases/review.server";
import { submitApplication } from "~/cases/submit.server";
import { loadPublishedItem } from "~/catalog/service.server";
import * as followUps from "~/evaluation/follow-ups.server";
import { listFollowUps, recordCallBack, recordResolution } from "~/evaluation/follow-ups.server";
import { CaseRating, RatingFollowUp, RatingImmutableError } from "~/evaluation/models.server";
import * as ratings from "~/evaluation/ratings.server";
import { ALREADY_RATED, applicantRating, departmentRatingStats, rateCase, ratingsForOverseer } from "~/evaluation/ratings.server";
import type { CurrentUser } from "~/identity/session.server";
import { freshDatabase, itemByName, userNamed } from "../support/db";
import { newKey, sampleFor, type JsonNode } from "../support/fixtures";

let citizen: CurrentUser;
let enterprise: CurrentUser;
let scjg: CurrentUser;
let scjg2: CurrentUser;
let fgj: CurrentUser;
let supervisor: CurrentUser;
let center: CurrentUser;

// Thursday 2026-11-26, 10:00 China time.
const NOW = new Date("2026-11-26T02:00:00Z");

const GOOD = { level: "5", efficiency: "5", guideAccuracy: "4", convenience: "5", usability: "4", comment: "办理很快，窗口服务热情" };
const BAD = { level: "2", efficiency: "2", guideAccuracy: "3", convenience: "2", usability: "3", reasonCategory: "unclear_materials", reason: "材料清单没写清楚，补正了两次" };

beforeAll(async () => {
  await freshDatabase();
  [citizen, enterprise, scjg, scjg2, fgj, supervisor, center] = await Promise.all(
    ["13912345678", "ziyang_tea", "reviewer_scjg", "reviewer_scjg2", "reviewer_fgj", "supervisor", "center"].map(userNamed),
  );
});

async function sampleData(itemName: string): Promise<{ itemId: number; versionId: number; formData: Record<string, unknown> }> {
  const item = await itemByName(itemName);
  const published = (await loadPublishedItem(item.id))!;
  return { itemId: item.id, versionId: item.publishedVersionId!, formData: sampleFor(published.form.jsonSchema as unknown as JsonNode) as Record<string, unknown> };
}

async function submitted(user: CurrentUser, itemName: string): Promise<number> {
  const result = await submitApplication({ user, ...(await sampleData(itemName)), submissionKey: newKey(), now: NOW });
  if ("errors" in result) throw new Error(JSON.stringify(result.errors));
  return result.case.id;
}

/** 个体工商户设立登记 (市场监督管理局, no co-departments), by the citizen, driven to 办结. */
async function completedScjgCase(): Promise<number> {
  const id = await submitted(citizen, "个体工商户设立登记");
  await actOnCase(scjg, id, { type: "accept" }, NOW);
  await giveOpinion(scjg, { caseId: id, opinion: "agree" }, NOW);
  await actOnCase(scjg, id, { type: "decide", decision: "approve" }, NOW);
  await actOnCase(scjg, id, { type: "certify" }, NOW);
  await actOnCase(scjg, id, { type: "deliver", method: "window" }, NOW);
  await actOnCase(scjg, id, { type: "complete" }, NOW);
  return id;
}

/** 企业投资项目备案 (发展和改革局: 受理 → 决定 → 办结), by the enterprise. */
async function completedFgjCase(): Promise<number> {
  const id = await submitted(enterprise, "企业投资项目备案");
  await actOnCase(fgj, id, { type: "accept" }, NOW);
  await actOnCase(fgj, id, { type: "decide", decision: "approve" }, NOW);
  await actOnCase(fgj, id, { type: "complete" }, NOW);
  return id;
}

async function refused(promise: Promise<unknown>): Promise<CaseActionError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(CaseActionError);
  return error as CaseActionError;
}

const staff = (u: CurrentUser) => u;

describe("rating a case (一事一评)", () => {
  it("is offered only once the case is completed, and only to its applicant", async () => {
    const id = await submitted(citizen, "个体工商户设立登记");
    expect((await applicantRating(citizen, id)).canRate).toBe(false);
    expect((await refused(rateCase(citizen, id, GOOD, NOW))).message).toBe("办件办结后才能评价");
    await actOnCase(scjg, id, { type: "accept" }, NOW);
    await giveOpinion(scjg, { caseId: id, opinion: "agree" }, NOW);
    await actOnCase(scjg, id, { type: "decide", decision: "approve" }, NOW);
    await actOnCase(scjg, id, { type: "certify" }, NOW);
    await actOnCase(scjg, id, { type: "deliver", method: "window" }, NOW);
    expect((await refused(rateCase(citizen, id, GOOD, NOW))).message).toBe("办件办结后才能评价");
    await actOnCase(scjg, id, { type: "complete" }, NOW);
    expect((await applicantRating(citizen, id)).canRate).toBe(true);

    // Someone else's applicant account, a reviewer and a supervisor are all refused.
    expect((await refused(rateCase(enterprise, id, GOOD, NOW))).status).toBe(403);
    expect((await refused(rateCase(scjg, id, GOOD, NOW))).status).toBe(403);
    expect((await refused(rateCase(supervisor, id, GOOD, NOW))).status).toBe(403);
    expect(await CaseRating.count({ where: { caseId: id } })).toBe(0);
    await refused(applicantRating(enterprise, id));

    await rateCase(citizen, id, GOOD, NOW);
    const view = await applicantRating(citizen, id);
    expect(view.canRate).toBe(false);
    expect(view.rating).toMatchObject({ level: 5, levelLabel: "非常满意", bad: false, comment: "办理很快，窗口服务热情", reason: null });
    expect(view.rating!.scores).toEqual([
      { label: "办事效率", value: 5 },
      { label: "办事指南精确度", value: 4 },
      { label: "办事便捷度", value: 5 },
      { label: "平台操作性", value: 4 },
    ]);
    expect(view.followUp).toBeNull();
    expect(await RatingFollowUp.count({ where: { caseId: id } })).toBe(0);
  });

  it("accepts exactly one rating: a second attempt is refused in Chinese and changes nothing", async () => {
    const id = await completedScjgCase();
    await rateCase(citizen, id, GOOD, NOW);
    const again = await refused(rateCase(citizen, id, BAD, NOW));
    expect(again.message).toBe(ALREADY_RATED);
    const stored = await CaseRating.findAll({ where: { caseId: id } });
    expect(stored.map((r) => r.level)).toEqual([5]);
    expect(await RatingFollowUp.count({ where: { caseId: id } })).toBe(0);
  });

  it("stores one row when two ratings arrive at the same moment", async () => {
    for (let round = 0; round < 3; round++) {
      const id = await completedScjgCase();
      const results = await Promise.allSettled([rateCase(citizen, id, GOOD, NOW), rateCase(citizen, id, BAD, NOW), rateCase(citizen, id, BAD, NOW)]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results) if (r.status === "rejected") expect((r.reason as Error).message).toBe(ALREADY_RATED);
      expect(await CaseRating.count({ where: { caseId: id } })).toBe(1);
      const level = (await CaseRating.findOne({ where: { caseId: id } }))!.level;
      expect(await RatingFollowUp.count({ where: { caseId: id } })).toBe(level <= 2 ? 1 : 0);
    }
  });

  it("refuses bad input with Chinese messages per field and stores nothing", async () => {
    const id = await completedScjgCase();
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{}, ["level", "efficiency", "guideAccuracy", "convenience", "usability"]],
      [{ ...GOOD, level: "6" }, ["level"]],
      [{ ...GOOD, level: "3.5" }, ["level"]],
      [{ ...GOOD, usability: "0" }, ["usability"]],
      [{ ...GOOD, comment: "好".repeat(501) }, ["comment"]],
      [{ ...BAD, reasonCategory: "", reason: " " }, ["reasonCategory", "reason"]],
      [{ ...BAD, level: "1", reasonCategory: "not-a-reason" }, ["reasonCategory"]],
      [{ ...BAD, reason: "慢".repeat(501) }, ["reason"]],
    ];
    for (const [input, paths] of cases) {
      const error = await refused(rateCase(citizen, id, input, NOW));
      expect(error.message).toBe("评价未提交，请修改以下内容");
      expect(error.fields.map((f) => f.path)).toEqual(paths);
      for (const f of error.fields) expect(f.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(error500(await refused(rateCase(citizen, id, { ...BAD, reason: "" }, NOW)))).toBe("差评请填写具体原因");
    expect(await CaseRating.count({ where: { caseId: id } })).toBe(0);
    expect(await RatingFollowUp.count({ where: { caseId: id } })).toBe(0);
    // 500 characters exactly is fine, and reason fields sent with a good rating are not kept.
    await rateCase(citizen, id, { ...GOOD, comment: "好".repeat(500), reasonCategory: "attitude", reason: "无" }, NOW);
    const stored = (await CaseRating.findOne({ where: { caseId: id } }))!;
    expect([stored.comment!.length, stored.reasonCategory, stored.reason]).toEqual([500, null, null]);
  });
});

const error500 = (e: CaseActionError) => e.fields.find((f) => f.path === "reason")?.message;

describe("差评 and its follow-up (整改)", () => {
  it("opens a follow-up for the lead department due 5 working days later, skipping the weekend", async () => {
    const id = await completedScjgCase();
    await rateCase(citizen, id, BAD, NOW); // Thursday 2026-11-26
    const followUp = (await RatingFollowUp.findOne({ where: { caseId: id } }))!;
    // Fri 27 (1), [Sat 28, Sun 29], Mon 30 (2), Tue Dec 1 (3), Wed 2 (4), Thu 3 (5).
    expect([followUp.state, followUp.departmentId, followUp.openedOn, followUp.deadline]).toEqual(["open", scjg.departmentId, "2026-11-26", "2026-12-03"]);
    const rating = (await CaseRating.findOne({ where: { caseId: id } }))!;
    expect([rating.level, rating.reasonCategory, rating.reason]).toEqual([2, "unclear_materials", "材料清单没写清楚，补正了两次"]);
    const view = await applicantRating(citizen, id);
    expect(view.rating).toMatchObject({ bad: true, levelLabel: "不满意", reasonLabel: "材料要求不清" });
    expect(view.followUp).toEqual({ stateLabel: "待回访", deadline: "2026-12-03", resolution: null });
  });

  it("skips the National Day holiday and counts the make-up Saturday", async () => {
    const id = await completedScjgCase();
    // Rated on Wednesday 2026-09-30. State Council 2026 notice: Oct 1–7 off, Saturday Oct 10 a working day.
    // Thu Oct 8 (1), Fri Oct 9 (2), Sat Oct 10 (3), [Sun Oct 11], Mon Oct 12 (4), Tue Oct 13 (5).
    await rateCase(citizen, id, { ...BAD, level: "1", reasonCategory: "overdue", reason: "超过承诺时限" }, new Date("2026-09-30T02:00:00Z"));
    expect((await RatingFollowUp.findOne({ where: { caseId: id } }))!.deadline).toBe("2026-10-13");
  });

  it("shows a department its own follow-ups only, and supervisors and the center all of them", async () => {
    const scjgCase = await completedScjgCase();
    const fgjCase = await completedFgjCase();
    await rateCase(citizen, scjgCase, BAD, NOW);
    await rateCase(enterprise, fgjCase, { ...BAD, level: "1", reasonCategory: "attitude", reason: "电话无人接听" }, NOW);

    const scjgRows = await listFollowUps(staff(scjg), {}, NOW);
    expect(scjgRows.some((r) => r.caseId === scjgCase)).toBe(true);
    expect(scjgRows.every((r) => r.department === "紫阳县市场监督管理局")).toBe(true);
    // A department cannot widen its scope with the department filter.
    expect((await listFollowUps(staff(scjg), { departmentId: fgj.departmentId! }, NOW)).some((r) => r.caseId === fgjCase)).toBe(false);
    const fgjRows = await listFollowUps(staff(fgj), {}, NOW);
    expect(fgjRows.map((r) => r.caseId)).toEqual([fgjCase]);
    expect(fgjRows[0]).toMatchObject({ itemName: "企业投资项目备案", stateLabel: "待回访", overdue: false });
    expect(fgjRows[0].applicantMobile).toMatch(/^1\d{2}\*{4}\d{4}$/);

    for (const overseer of [supervisor, center]) {
      const all = await listFollowUps(overseer, {}, NOW);
      expect(all.some((r) => r.caseId === scjgCase) && all.some((r) => r.caseId === fgjCase)).toBe(true);
      const onlyFgj = await listFollowUps(overseer, { departmentId: fgj.departmentId! }, NOW);
      expect(onlyFgj.map((r) => r.caseId)).toEqual([fgjCase]);
    }
    expect((await refused(listFollowUps(citizen, {}, NOW))).status).toBe(403);

    // Another department cannot work it; overseers read but do not act.
    expect((await refused(recordCallBack(fgj, scjgRows[0].id, { note: "已联系" }, NOW))).status).toBe(404);
    expect((await refused(recordCallBack(supervisor, fgjRows[0].id, { note: "已联系" }, NOW))).status).toBe(403);
    expect((await RatingFollowUp.findByPk(fgjRows[0].id))!.state).toBe("open");

    const stats = await departmentRatingStats(supervisor, NOW);
    const fgjStats = stats.find((s) => s.departmentId === fgj.departmentId)!;
    expect(fgjStats).toMatchObject({ department: "紫阳县发展和改革局", ratings: 1, bad: 1, satisfied: 0, satisfaction: 0, openFollowUps: 1 });
    await refused(departmentRatingStats(scjg, NOW));
    const list = await ratingsForOverseer(center, { departmentId: fgj.departmentId! });
    expect(list.map((r) => [r.caseId, r.levelLabel, r.reasonLabel])).toEqual([[fgjCase, "非常不满意", "态度不好"]]);
    await refused(ratingsForOverseer(fgj));
  });

  it("records the call-back, then the resolution, each once, by the department", async () => {
    const id = await completedScjgCase();
    await rateCase(citizen, id, BAD, NOW);
    const { id: followUpId } = (await RatingFollowUp.findOne({ where: { caseId: id } }))!;

    expect((await refused(recordResolution(scjg, followUpId, { resolution: "已修订材料清单" }, NOW))).message).toBe("请先记录回访，再提交整改结果");
    const empty = await refused(recordCallBack(scjg, followUpId, { note: "  " }, NOW));
    expect(empty.fields).toEqual([{ path: "note", message: "请填写回访情况" }]);
    const future = await refused(recordCallBack(scjg, followUpId, { note: "已联系", calledAt: "2026-11-27T10:00" }, NOW));
    expect(future.fields[0].message).toBe("回访时间不能晚于现在");
    expect((await RatingFollowUp.findByPk(followUpId))!.state).toBe("open");

    const later = new Date("2026-11-27T03:00:00Z");
    await recordCallBack(scjg, followUpId, { note: "申请人反映材料清单中“经营场所证明”的要求不明确", calledAt: "2026-11-27T10:30" }, later);
    const called = (await RatingFollowUp.findByPk(followUpId))!;
    expect([called.state, called.calledByName, called.calledAt!.toISOString()]).toEqual(["called_back", "李秀英", "2026-11-27T02:30:00.000Z"]);
    expect((await refused(recordCallBack(scjg2, followUpId, { note: "再次联系" }, later))).message).toBe("该差评已记录回访");

    await recordResolution(scjg2, followUpId, { resolution: "已在办事指南中列明经营场所证明的样式并上传示例" }, later);
    const rows = await listFollowUps(staff(scjg), { state: "resolved" }, later);
    expect(rows.find((r) => r.id === followUpId)).toMatchObject({
      state: "resolved",
      stateLabel: "已整改",
      calledByName: "李秀英",
      calledAt: "2026-11-27 10:30",
      resolvedByName: "冯立新",
      resolvedLate: false,
      overdue: false,
      light: "none",
    });
    expect((await refused(recordResolution(scjg, followUpId, { resolution: "再改" }, later))).message).toBe("该差评已提交整改结果");
    expect((await applicantRating(citizen, id)).followUp).toMatchObject({ stateLabel: "已整改", resolution: "已在办事指南中列明经营场所证明的样式并上传示例" });
  });

  it("lists unresolved follow-ups first and marks those past their deadline overdue", async () => {
    const id = await completedScjgCase();
    await rateCase(citizen, id, BAD, NOW); // due 2026-12-03
    const { id: followUpId } = (await RatingFollowUp.findOne({ where: { caseId: id } }))!;
    const onDeadline = (await listFollowUps(staff(scjg), {}, new Date("2026-12-03T08:00:00Z"))).find((r) => r.id === followUpId)!;
    expect([onDeadline.overdue, onDeadline.light]).toEqual([false, "yellow"]);
    const dayAfter = new Date("2026-12-04T02:00:00Z");
    const rows = await listFollowUps(staff(scjg), {}, dayAfter);
    expect(rows.find((r) => r.id === followUpId)).toMatchObject({ overdue: true, light: "red", lightLabel: "已超期" });
    const firstResolved = rows.findIndex((r) => r.state === "resolved");
    if (firstResolved >= 0) expect(rows.slice(firstResolved).every((r) => r.state === "resolved")).toBe(true);
    const overdue = await listFollowUps(supervisor, { state: "overdue" }, dayAfter);
    expect(overdue.some((r) => r.id === followUpId)).toBe(true);
    expect(overdue.every((r) => r.state !== "resolved")).toBe(true);
    expect((await departmentRatingStats(supervisor, dayAfter)).find((s) => s.departmentId === scjg.departmentId)!.overdueFollowUps).toBeGreaterThan(0);

    // Resolved after the deadline: no longer overdue, but marked late.
    await recordCallBack(scjg, followUpId, { note: "已致歉" }, dayAfter);
    await recordResolution(scjg, followUpId, { resolution: "已培训窗口人员" }, dayAfter);
    const resolved = (await listFollowUps(staff(scjg), {}, dayAfter)).find((r) => r.id === followUpId)!;
    expect([resolved.overdue, resolved.resolvedLate]).toEqual([false, true]);
  });
});

describe("staff cannot alter or delete a rating", () => {
  it("refuses every change through the model and offers no mutation but the applicant's create", async () => {
    const id = await completedScjgCase();
    const rating = await rateCase(citizen, id, BAD, NOW);
    await expect(CaseRating.update({ level: 5 }, { where: { id: rating.id } })).rejects.toBeInstanceOf(RatingImmutableError);
    await expect(rating.update({ level: 5, reason: null })).rejects.toBeInstanceOf(RatingImmutableError);
    await expect(CaseRating.destroy({ where: { id: rating.id } })).rejects.toBeInstanceOf(RatingImmutableError);
    await expect(rating.destroy()).rejects.toBeInstanceOf(RatingImmutableError);
    const stored = (await CaseRating.findByPk(rating.id))!;
    expect([stored.level, stored.reason]).toEqual([2, "材料清单没写清楚，补正了两次"]);

    // A reviewer of the rated department trying to (re)rate is refused like anyone who is not the applicant.
    expect((await refused(rateCase(scjg, id, GOOD, NOW))).status).toBe(403);
    expect((await refused(rateCase(center, id, GOOD, NOW))).status).toBe(403);

    const exported = [...Object.keys(ratings), ...Object.keys(followUps)];
    expect(exported.filter((name) => /update|delete|remove|edit|change|destroy|set|modify/i.test(name))).toEqual([]);
    expect(Object.keys(ratings).filter((name) => typeof (ratings as Record<string, unknown>)[name] === "function").sort()).toEqual(
      ["applicantRating", "departmentRatingStats", "rateCase", "ratingView", "ratingsForOverseer"].sort(),
    );
    expect(await Case.count({ where: { id } })).toBe(1);
  });
});
