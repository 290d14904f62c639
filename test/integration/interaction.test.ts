import { beforeAll, describe, expect, it } from "vitest";
import { submitApplication } from "~/cases/submit.server";
import { startSession, type CurrentUser } from "~/identity/session.server";
import { InteractionError } from "~/interaction/errors.server";
import { CaseMessage, ItemQuestion } from "~/interaction/models.server";
import { applicantUnread, departmentInteractionCounts, departmentUnreadCases, openThread, sendMessage } from "~/interaction/messages.server";
import { answerQuestion, askQuestion, departmentOpenQuestions, guideQuestions, hideQuestion, mergeQuestion, moderationList } from "~/interaction/questions.server";
import { User } from "~/identity/models.server";
import { action as guideAction, loader as guideLoader } from "~/routes/portal/item";
import { freshDatabase, itemByName, userNamed } from "../support/db";
import { ENTERPRISE_OPENING, enterpriseOpeningData, newKey } from "../support/fixtures";

let citizen: CurrentUser;
let enterprise: CurrentUser;
let lead: CurrentUser; // reviewer_scjg: the item's (and the case's lead) department
let lead2: CurrentUser; // reviewer_scjg2: same department
let deptAdmin: CurrentUser; // scjg_admin
let police: CurrentUser; // reviewer_gaj: co-reviews 企业开办, but does not own the item
let health: CurrentUser; // reviewer_wsjk: unrelated department
let center: CurrentUser;
let itemId: number;
let versionId: number;

// Thursday 2026-11-26, 10:00 China time; each test moves on so rate-limit windows do not overlap.
const BASE = new Date("2026-11-26T02:00:00Z").getTime();
const at = (minutes: number) => new Date(BASE + minutes * 60_000);

beforeAll(async () => {
  await freshDatabase();
  [citizen, enterprise, lead, lead2, deptAdmin, police, health, center] = await Promise.all(
    ["13912345678", "ziyang_tea", "reviewer_scjg", "reviewer_scjg2", "scjg_admin", "reviewer_gaj", "reviewer_wsjk", "center"].map(userNamed),
  );
  const item = await itemByName(ENTERPRISE_OPENING);
  itemId = item.id;
  versionId = item.publishedVersionId!;
});

async function refusal(promise: Promise<unknown>): Promise<InteractionError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(InteractionError);
  return error as InteractionError;
}

async function newCase(user = citizen) {
  const result = await submitApplication({ user, itemId, versionId, formData: enterpriseOpeningData(), submissionKey: newKey(), now: at(0) });
  if ("errors" in result) throw new Error(JSON.stringify(result.errors));
  return result.case;
}

describe("public questions on an item", () => {
  it("shows a question on the guide only once the item's department has answered it", async () => {
    const q = await askQuestion(citizen, itemId, "  企业开办需要到现场几次？  ", at(10));
    expect(q.question).toBe("企业开办需要到现场几次？");
    expect((await guideQuestions(itemId, null)).answered.map((a) => a.id)).not.toContain(q.id);
    const mine = (await guideQuestions(itemId, citizen)).mine.find((m) => m.id === q.id);
    expect(mine?.statusLabel).toBe("待答复");
    expect((await departmentOpenQuestions(lead)).map((o) => o.id)).toContain(q.id);

    await answerQuestion(lead, q.id, "全程网办，无需到现场。", at(11));
    const guide = await guideQuestions(itemId, null);
    const shown = guide.answered.find((a) => a.id === q.id);
    expect(shown).toMatchObject({ question: "企业开办需要到现场几次？", answer: "全程网办，无需到现场。", asker: "张*" });
    expect(shown?.department).toMatch(/市场监督管理局/);
    expect((await departmentOpenQuestions(lead)).map((o) => o.id)).not.toContain(q.id);
    // Answered once: a colleague cannot overwrite it.
    expect((await refusal(answerQuestion(lead2, q.id, "另一个答复", at(12)))).message).toBe("该咨询已答复");
  });

  it("lets staff of the item's department answer, and nobody else", async () => {
    const q = await askQuestion(enterprise, itemId, "法人变更后还需要重新办理吗？", at(20));
    expect((await refusal(answerQuestion(police, q.id, "请咨询市场监管局", at(21)))).status).toBe(403);
    expect((await refusal(answerQuestion(health, q.id, "不清楚", at(21)))).status).toBe(403);
    expect((await refusal(answerQuestion(citizen, q.id, "我来答", at(21)))).status).toBe(403);
    expect((await refusal(answerQuestion(center, q.id, "中心答复", at(21)))).status).toBe(403);
    await expect(departmentOpenQuestions(citizen)).rejects.toBeInstanceOf(InteractionError);
    expect((await departmentOpenQuestions(police)).map((o) => o.id)).not.toContain(q.id);
    expect((await ItemQuestion.findByPk(q.id))?.answer).toBeNull();
    // The department's item administrator may answer.
    await answerQuestion(deptAdmin, q.id, "需要办理变更登记。", at(22));
    expect((await ItemQuestion.findByPk(q.id))?.answererId).toBe(deptAdmin.id);
  });

  it("refuses bad input with a Chinese message and stores nothing", async () => {
    const before = await ItemQuestion.count();
    expect((await refusal(askQuestion(citizen, itemId, "请问", at(30)))).message).toBe("咨询内容不能少于 5 个字");
    expect((await refusal(askQuestion(citizen, itemId, "   ", at(30)))).message).toBe("请填写咨询内容");
    expect((await refusal(askQuestion(citizen, itemId, "问".repeat(501), at(30)))).message).toMatch(/^咨询内容不能超过 500 个字/);
    expect((await refusal(askQuestion(lead, itemId, "工作人员能提问吗？", at(30)))).status).toBe(403);
    expect((await refusal(askQuestion(citizen, 999_999, "这个事项存在吗？", at(30)))).status).toBe(404);
    expect(await ItemQuestion.count()).toBe(before);

    const q = await askQuestion(citizen, itemId, "营业执照多久能拿到？", at(31));
    expect((await refusal(answerQuestion(lead, q.id, "好", at(32)))).message).toBe("答复内容不能少于 2 个字");
    expect((await refusal(answerQuestion(lead, q.id, "答".repeat(2001), at(32)))).message).toMatch(/^答复内容不能超过 2000 个字/);
    expect((await ItemQuestion.findByPk(q.id))?.answer).toBeNull();
    expect((await refusal(hideQuestion(center, q.id, "", at(32)))).message).toBe("请填写隐藏理由");
    expect((await ItemQuestion.findByPk(q.id))?.hiddenAt).toBeNull();
  });

  it("limits an applicant to five questions in ten minutes", async () => {
    for (let i = 0; i < 5; i++) await askQuestion(enterprise, itemId, `第 ${i + 1} 个问题：是否需要刻章？`, at(40 + i));
    const sixth = await refusal(askQuestion(enterprise, itemId, "第 6 个问题：是否需要刻章？", at(45)));
    expect(sixth).toMatchObject({ status: 429, message: "提问过于频繁，请 10 分钟后再试" });
    // Another applicant is not affected; ten minutes after the first, the first one no longer counts.
    await askQuestion(citizen, itemId, "其他人还可以提问吗？", at(45));
    await askQuestion(enterprise, itemId, "十分钟后还可以提问吗？", at(50.5));
  });

  it("lets the center hide a question with a reason and merge a duplicate", async () => {
    const original = await askQuestion(citizen, itemId, "企业开办可以邮寄营业执照吗？", at(60));
    const duplicate = await askQuestion(enterprise, itemId, "营业执照能不能快递寄给我？", at(61));
    const abusive = await askQuestion(enterprise, itemId, "这是一条与事项无关的广告内容", at(62));
    await answerQuestion(lead, abusive.id, "与本事项无关。", at(63));
    expect((await guideQuestions(itemId, null)).answered.map((a) => a.id)).toContain(abusive.id);

    expect((await refusal(hideQuestion(lead, abusive.id, "广告", at(64)))).status).toBe(403);
    expect((await refusal(mergeQuestion(citizen, duplicate.id, original.id, at(64)))).status).toBe(403);
    await hideQuestion(center, abusive.id, "与事项无关的广告", at(64));
    expect((await guideQuestions(itemId, null)).answered.map((a) => a.id)).not.toContain(abusive.id);
    const hiddenForAsker = (await guideQuestions(itemId, enterprise)).mine.find((m) => m.id === abusive.id);
    expect(hiddenForAsker).toMatchObject({ statusLabel: "已隐藏", hiddenReason: "与事项无关的广告" });

    expect((await refusal(mergeQuestion(center, duplicate.id, duplicate.id, at(65)))).message).toBe("不能把咨询合并到它自己");
    expect((await refusal(mergeQuestion(center, duplicate.id, abusive.id, at(65)))).status).toBe(409);
    const elsewhere = await askQuestion(citizen, (await itemByName("个体工商户设立登记")).id, "个体户也能邮寄执照吗？", at(65));
    expect((await refusal(mergeQuestion(center, duplicate.id, elsewhere.id, at(65)))).message).toBe("只能合并同一事项下的咨询");

    await mergeQuestion(center, duplicate.id, original.id, at(66));
    // The duplicate is no longer listed for the department or as a merge target; its asker sees where it went.
    expect((await departmentOpenQuestions(lead)).map((o) => o.id)).not.toContain(duplicate.id);
    expect((await refusal(answerQuestion(lead, duplicate.id, "可以邮寄。", at(67)))).status).toBe(409);
    const open = await moderationList(center);
    expect(open.map((r) => r.id)).not.toContain(duplicate.id);
    expect(open.find((r) => r.id === original.id)?.mergeTargets.map((t) => t.id)).not.toContain(duplicate.id);
    expect((await moderationList(center, "merged")).find((r) => r.id === duplicate.id)?.mergedIntoId).toBe(original.id);

    await answerQuestion(lead, original.id, "支持免费邮寄营业执照。", at(68));
    const guide = await guideQuestions(itemId, enterprise);
    expect(guide.answered.map((a) => a.id)).toContain(original.id);
    expect(guide.answered.map((a) => a.id)).not.toContain(duplicate.id);
    expect(guide.mine.find((m) => m.id === duplicate.id)?.mergedInto).toEqual({ id: original.id, question: original.question, answer: "支持免费邮寄营业执照。" });
  });

  it("serves the guide page's 在线咨询 data and ask action to a signed-in applicant", async () => {
    const user = (await User.findOne({ where: { username: "ziyang_tea" } }))!;
    await ItemQuestion.destroy({ where: { askerId: user.id } }); // a clean rate-limit window at the real time
    const cookie = (await startSession(user.id, null)).split(";")[0];
    const url = `http://hall.test/items/${itemId}`;
    const anonymous = await guideLoader({ request: new Request(url), params: { itemId: String(itemId) }, context: {} });
    expect(anonymous.consult.viewer).toBe("anonymous");
    expect(anonymous.consult.loginHref).toBe(`/login?redirectTo=${encodeURIComponent(`/items/${itemId}`)}`);
    expect(anonymous.consult.answered.length).toBeGreaterThan(0);

    const post = (question: string) =>
      guideAction({
        request: new Request(url, { method: "POST", headers: { Cookie: cookie }, body: new URLSearchParams({ intent: "ask", question }) }),
        params: { itemId: String(itemId) },
        context: {},
      }) as unknown as Promise<{ data: { error: string | null; done: boolean }; init: { status?: number } | null }>;
    const bad = await post("请问");
    expect(bad.init?.status).toBe(400);
    // The refused text comes back, so a guide page posted without JavaScript shows it in the field again.
    expect(bad.data).toEqual({ error: "咨询内容不能少于 5 个字", done: false, question: "请问" });
    const good = await post("页面上的咨询能提交成功吗？");
    expect(good.data).toEqual({ error: null, done: true });
    const signedIn = await guideLoader({ request: new Request(url, { headers: { Cookie: cookie } }), params: { itemId: String(itemId) }, context: {} });
    expect(signedIn.consult.viewer).toBe("applicant");
    expect(signedIn.consult.mine.map((m) => m.question)).toEqual(["页面上的咨询能提交成功吗？"]);
  });
});

describe("private messages on a case", () => {
  it("is readable and writable by the applicant and the lead department only", async () => {
    const kase = await newCase();
    await sendMessage(citizen, kase.id, "请问公章什么时候可以领取？", at(100));
    expect((await openThread(lead, kase.id, at(101))).messages.map((m) => m.body)).toEqual(["请问公章什么时候可以领取？"]);
    await sendMessage(lead, kase.id, "审核通过后 1 个工作日内可领取。", at(102));

    // Another applicant, a co-reviewing department, an unrelated department and the center get the same 404.
    for (const outsider of [enterprise, police, health, center]) {
      expect((await refusal(openThread(outsider, kase.id, at(103)))).status).toBe(404);
      expect((await refusal(sendMessage(outsider, kase.id, "我能看到吗？", at(103)))).status).toBe(404);
    }
    expect((await refusal(openThread(citizen, 999_999, at(103)))).status).toBe(404);
    expect(await CaseMessage.count({ where: { caseId: kase.id } })).toBe(2);

    const seen = await openThread(citizen, kase.id, at(104));
    expect(seen.messages.map((m) => [m.mine, m.body])).toEqual([
      [true, "请问公章什么时候可以领取？"],
      [false, "审核通过后 1 个工作日内可领取。"],
    ]);
    // The applicant sees the department, not the officer.
    expect(seen.messages[1].sender).toMatch(/市场监督管理局$/);
    expect(seen.messages[0].read).toBe(true);
  });

  it("refuses an empty or overlong message with a Chinese message and stores nothing", async () => {
    const kase = await newCase();
    expect((await refusal(sendMessage(citizen, kase.id, " \n ", at(110)))).message).toBe("请填写留言内容");
    expect((await refusal(sendMessage(lead, kase.id, "字".repeat(1001), at(110)))).message).toMatch(/^留言内容不能超过 1000 个字/);
    expect(await CaseMessage.count({ where: { caseId: kase.id } })).toBe(0);
  });

  it("counts unread messages for both sides and clears them when the reader opens the thread", async () => {
    const kase = await newCase(enterprise);
    const other = await newCase(enterprise);
    const baseline = await departmentInteractionCounts(lead);

    await sendMessage(enterprise, kase.id, "材料已补充，请查收。", at(120));
    await sendMessage(enterprise, kase.id, "另外，想确认一下领证地点。", at(121));
    await sendMessage(enterprise, other.id, "这个办件也有疑问。", at(121));
    let counts = await departmentInteractionCounts(lead2);
    expect(counts.unreadMessages).toBe(baseline.unreadMessages + 3);
    expect(counts.unreadCases).toBe(baseline.unreadCases + 2);
    expect((await departmentUnreadCases(lead)).find((c) => c.id === kase.id)?.unread).toBe(2);
    // Other departments count nothing of it; the sender has nothing unread.
    expect((await departmentInteractionCounts(police)).unreadMessages).toBe(0);
    expect((await applicantUnread(enterprise)).total).toBe(0);

    // One officer opening the thread reads it for the department.
    await openThread(lead2, kase.id, at(122));
    counts = await departmentInteractionCounts(lead);
    expect(counts.unreadMessages).toBe(baseline.unreadMessages + 1);
    expect((await departmentUnreadCases(lead)).map((c) => c.id)).not.toContain(kase.id);

    await sendMessage(lead, kase.id, "已收到，领证地点为县政务服务中心 3 号窗口。", at(123));
    await sendMessage(lead2, other.id, "请说明具体问题。", at(123));
    await sendMessage(lead2, other.id, "我们会尽快答复。", at(124));
    expect(await applicantUnread(enterprise)).toEqual({ total: 3, byCase: { [kase.id]: 1, [other.id]: 2 } });
    expect((await applicantUnread(citizen)).byCase[kase.id]).toBeUndefined();

    const thread = await openThread(enterprise, other.id, at(125));
    expect(thread.messages.filter((m) => !m.mine).map((m) => m.body)).toEqual(["请说明具体问题。", "我们会尽快答复。"]);
    expect(await applicantUnread(enterprise)).toEqual({ total: 1, byCase: { [kase.id]: 1 } });
    await openThread(enterprise, kase.id, at(126));
    expect((await applicantUnread(enterprise)).total).toBe(0);
    // The department still sees its own read receipt.
    const staffView = await openThread(lead, kase.id, at(127));
    expect(staffView.messages.at(-1)).toMatchObject({ mine: true, read: true });
  });

  it("counts unanswered questions for the department until they are answered, hidden or merged", async () => {
    const before = (await departmentInteractionCounts(lead)).openQuestions;
    const a = await askQuestion(citizen, itemId, "统计用的第一个问题", at(200));
    const b = await askQuestion(citizen, itemId, "统计用的第二个问题", at(201));
    const c = await askQuestion(citizen, itemId, "统计用的第三个问题", at(202));
    expect((await departmentInteractionCounts(lead)).openQuestions).toBe(before + 3);
    expect((await departmentInteractionCounts(health)).openQuestions).toBe(0);
    await answerQuestion(lead, a.id, "已答复。", at(203));
    await hideQuestion(center, b.id, "重复提问", at(203));
    await mergeQuestion(center, c.id, a.id, at(203));
    expect((await departmentInteractionCounts(lead)).openQuestions).toBe(before);
  });
});
