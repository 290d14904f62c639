/**
 * 在线交流 and 好差评 in Chromium: a citizen asks about 企业投资项目备案 on its guide page, the 发展和改革局
 * answers from the workbench, and the answer is public on the guide. An enterprise applies for the item, the
 * department accepts, approves and completes it; the SMS go through the signed HTTP gateway to a fake provider
 * on 127.0.0.1 (which fails its first two requests). The enterprise rates the case 差评 with a reason; the
 * department finds the follow-up, records the call-back and resolves it.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSmsGateway } from "../support/fake-sms-gateway";
import { TINY_PDF } from "../support/fixtures";
import { hydrated, launchChromium, login, screenshot } from "./browser";
import { startHall, type RunningHall } from "./server";

const ITEM = "企业投资项目备案";
const SMS_KEY = { appKey: "ziyang-hall-e2e", secret: "e2e-secret" };

let hall: RunningHall;
let browser: Browser;
let sms: Awaited<ReturnType<typeof startFakeSmsGateway>>;
const contexts: BrowserContext[] = [];

async function newPage(width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "zh-CN" });
  contexts.push(context);
  return context.newPage();
}

async function pageAs(username: string, path: string, width?: number): Promise<Page> {
  const page = await newPage(width);
  await login(page, hall.url, username);
  await page.goto(`${hall.url}${path}`);
  await hydrated(page);
  return page;
}

async function itemPath(page: Page): Promise<string> {
  await page.goto(`${hall.url}/search?q=${encodeURIComponent(ITEM)}`);
  const href = await page.getByRole("link", { name: ITEM }).first().getAttribute("href");
  return href!;
}

beforeAll(async () => {
  sms = await startFakeSmsGateway({ ...SMS_KEY, failFirst: 2 });
  hall = await startHall("communication-evaluation", {
    SMS_GATEWAY: "http",
    SMS_HTTP_URL: sms.url,
    SMS_HTTP_APP_KEY: SMS_KEY.appKey,
    SMS_HTTP_SECRET: SMS_KEY.secret,
    HALL_OUTBOX_INTERVAL_MS: "300",
    HALL_OUTBOX_RETRY_BASE_MS: "500",
    SMS_PER_NUMBER_PER_MINUTE: "20",
  });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await hall?.stop();
  await sms?.close();
});

describe("在线交流: a public question answered by the department", () => {
  const question = "备案后项目建设地点发生变化，需要重新备案吗？";
  const answer = "建设地点发生变化的，应当通过在线平台及时修改备案信息，无需重新备案。";

  it("a citizen asks on the guide page, the department answers, and the answer shows on the guide", async () => {
    const citizen = await pageAs("13912345678", "/", 390);
    const guide = await itemPath(citizen);
    await citizen.goto(`${hall.url}${guide}`);
    await hydrated(citizen);
    await citizen.getByLabel(/咨询内容/).fill(question);
    await citizen.getByRole("button", { name: "提交咨询" }).click();
    await citizen.getByRole("list", { name: "我的咨询" }).filter({ hasText: question }).waitFor();

    const reviewer = await pageAs("reviewer_fgj", "/workbench");
    await reviewer.getByRole("link", { name: /在线交流/ }).click();
    await reviewer.waitForURL(/\/workbench\/questions/);
    const card = reviewer.locator("section.card").filter({ hasText: question });
    await card.getByLabel(/答复内容/).fill(answer);
    await card.getByRole("button", { name: "提交答复" }).click();
    await reviewer.getByTestId("open-questions").filter({ hasText: "0" }).waitFor();

    const anonymous = await newPage(360);
    await anonymous.goto(`${hall.url}${guide}`);
    const faq = anonymous.getByRole("list", { name: "常见问答" });
    await faq.filter({ hasText: question }).waitFor();
    expect(await faq.innerText()).toContain(answer);
    await screenshot(anonymous, "qa-01-guide-answer");
  });
});

describe("好差评: a completed case rated 差评 and its follow-up", () => {
  let casePath = "";

  it("an enterprise applies; the department accepts, approves and completes; the SMS reach the provider", async () => {
    const enterprise = await pageAs("ziyang_tea", "/");
    const guide = await itemPath(enterprise);
    await enterprise.goto(`${hall.url}${guide}/apply`);
    await hydrated(enterprise);
    expect(await enterprise.locator("#root_companyName").inputValue()).toBe("紫阳县富硒茶业有限公司");
    await enterprise.locator("#root_projectName").fill("富硒茶叶精深加工生产线建设项目");
    await enterprise.locator("#root_industry").selectOption("农业");
    await enterprise.locator("#root_constructionSite").fill("紫阳县向阳镇营梁村");
    await enterprise.locator("#root_constructionContent").fill("新建标准化厂房 2000 平方米，购置名优茶加工设备 30 台套。");
    await enterprise.locator("#root_totalInvestment").fill("1200");
    await enterprise.locator("#root_plannedStartDate").fill("2027-03-01");
    await enterprise.locator("#root_plannedCompletionDate").fill("2027-12-31");
    await enterprise.locator("#root_commitment").check();
    const pdf = { name: "材料.pdf", mimeType: "application/pdf", buffer: Buffer.from(TINY_PDF) };
    const inputs = enterprise.locator("[data-extra-fields] input[type=file]");
    for (let i = 0; i < (await inputs.count()); i++) await inputs.nth(i).setInputFiles(pdf);
    await enterprise.getByRole("button", { name: "下一步：核对" }).click();
    await enterprise.getByRole("region", { name: "请核对申请内容" }).waitFor();
    await Promise.all([enterprise.waitForURL(/\/my\/cases\/\d+\?submitted=1$/), enterprise.getByRole("button", { name: "确认提交" }).click()]);
    casePath = new URL(enterprise.url()).pathname;
    const caseId = casePath.split("/").pop()!;

    const reviewer = await pageAs("reviewer_fgj", `/workbench/cases/${caseId}`);
    for (const [button, done] of [["受理", "accept"], ["准予许可", "approve"], ["办结", "complete"]]) {
      await Promise.all([reviewer.waitForURL(new RegExp(`\\?done=${done}`)), reviewer.getByRole("button", { name: button, exact: true }).click()]);
    }
    await reviewer.getByTestId("case-state").filter({ hasText: "已办结" }).waitFor();

    // The worker retries through the provider's two failures; each message arrives once.
    const deadline = Date.now() + 30_000;
    while (!sms.received.some((m) => m.content.includes("已办结")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const toEnterprise = sms.received.filter((m) => m.mobile === "13700001111");
    expect(toEnterprise.map((m) => m.content)).toEqual([
      expect.stringContaining("申请已提交"),
      expect.stringContaining("申请已受理"),
      expect.stringContaining("准予"),
      expect.stringContaining("已办结"),
    ]);
    expect(new Set(sms.received.map((m) => m.messageId)).size).toBe(sms.received.length);
    expect(sms.stats().rejectedSignatures).toBe(0);
  });

  it("the enterprise rates it 差评 with a reason; the department records the call-back and resolves it", async () => {
    const enterprise = await pageAs("ziyang_tea", casePath, 390);
    const rating = enterprise.getByRole("region", { name: /评价/ });
    await rating.getByRole("group", { name: "总体评价" }).getByLabel("不满意", { exact: true }).check();
    for (const aspect of ["办事效率", "办事指南精确度", "办事便捷度", "平台操作性"]) {
      await rating.getByRole("group", { name: aspect }).getByLabel("2 分", { exact: true }).check();
    }
    await rating.getByLabel(/差评原因类别/).selectOption({ label: "多次跑腿" });
    await rating.getByLabel(/具体原因/).fill("网上已提交材料，窗口仍要求再交一次纸质件。");
    await rating.getByRole("button", { name: "提交评价" }).click();
    await enterprise.getByText("网上已提交材料，窗口仍要求再交一次纸质件。").first().waitFor();
    expect(await enterprise.getByRole("button", { name: "提交评价" }).count()).toBe(0);
    await screenshot(enterprise, "qa-02-rated");

    const reviewer = await pageAs("reviewer_fgj", "/workbench/follow-ups");
    const card = reviewer.locator("article.card").filter({ hasText: "多次跑腿" });
    await card.waitFor();
    await card.getByLabel("回访情况").fill("已电话回访，申请人反映窗口重复收取纸质材料。");
    await card.getByRole("button", { name: "记录回访" }).click();
    await card.getByLabel("整改结果").waitFor();
    await card.getByLabel("整改结果").fill("已通知窗口对网上已核验材料不再收取纸质件，并向申请人致歉。");
    await card.getByRole("button", { name: "提交整改结果" }).click();
    await reviewer.locator("article.card").filter({ hasText: "多次跑腿" }).filter({ hasText: "已整改" }).waitFor();
    expect(await reviewer.locator("article.card").filter({ hasText: "多次跑腿" }).innerText()).toContain("并向申请人致歉");
    await screenshot(reviewer, "qa-03-follow-up-resolved");

    const supervisor = await pageAs("supervisor", "/supervision/ratings");
    expect(await supervisor.locator("main").innerText()).toContain("多次跑腿");
  });
});
