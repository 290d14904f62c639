/**
 * 窗口收件 in Chromium: the window clerk window01 finds 个体工商户设立登记 by pinyin initials, identifies a walk-in
 * applicant who has no account by ID card, fills the same form, scans one material and ticks the other as
 * received on paper, checks and confirms; the case is listed among today's intakes with a printable receipt,
 * and lands in the 市场监督管理局 reviewers' queue like any online application. The clerk cannot open the workbench.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRACKING_NUMBER_PATTERN } from "~/cases/tracking-number";
import { idCardCheckChar } from "~/identity/id-card";
import { hydrated, launchChromium, login, screenshot } from "./browser";
import { startHall, type RunningHall } from "./server";
import { TINY_PDF } from "../support/fixtures";

let hall: RunningHall;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  hall = await startHall("window-intake");
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await hall?.stop();
});

describe("window intake", () => {
  it("window01 registers a walk-in applicant's case, prints the receipt, and the lead department sees it in its queue", async () => {
    const clerk = await newPage();
    await login(clerk, hall.url, "window01");
    expect(new URL(clerk.url()).pathname).toBe("/window");
    await hydrated(clerk);

    await clerk.getByLabel("搜索事项").fill("gtgsh");
    await clerk.getByRole("button", { name: "搜索" }).click();
    await clerk.waitForURL(/\?q=gtgsh/);
    await clerk.getByRole("link", { name: "收件：个体工商户设立登记" }).click();
    await clerk.locator("h1", { hasText: "窗口收件：个体工商户设立登记" }).waitFor();
    await hydrated(clerk);

    // A wrong check digit is caught before the form appears.
    const id17 = "61092419780406211";
    const idCard = id17 + idCardCheckChar(id17);
    const wrong = id17 + (idCardCheckChar(id17) === "1" ? "2" : "1");
    await clerk.getByLabel("身份证号码").fill(wrong);
    await clerk.getByLabel("姓名").fill("陈文");
    await clerk.getByLabel("申请人手机号码").fill("13509150001");
    await clerk.getByRole("button", { name: "下一步：填写申请表" }).click();
    await clerk.getByRole("alert").filter({ hasText: "校验位不正确" }).waitFor();
    await clerk.getByLabel("身份证号码").fill(idCard);
    await clerk.getByRole("button", { name: "下一步：填写申请表" }).click();
    await clerk.getByText("申请人尚无账号").waitFor();
    expect(await clerk.locator("#root_idCard").inputValue()).toBe(idCard);
    expect(await clerk.locator("#root_applicantName").inputValue()).toBe("陈文");

    await clerk.locator("#root_businessName").fill("紫阳县陈文茶叶店");
    await clerk.getByLabel("个人经营").check();
    await clerk.locator("#root_businessScope").fill("茶叶零售");
    await clerk.locator("#root_address").fill("紫阳县城关镇仁和社区8号");
    await clerk.locator("#root_capital").fill("5");
    await clerk.locator("#root_employeeCount").fill("1");
    await clerk.locator('input[name="material:operator_identity"]').setInputFiles({ name: "身份证.pdf", mimeType: "application/pdf", buffer: Buffer.from(TINY_PDF) });
    await clerk.locator('input[name="paper:premises_proof"]').check();
    await clerk.getByRole("button", { name: "下一步：核对" }).click();
    const check = clerk.getByRole("region", { name: "请核对申请内容" });
    await check.waitFor();
    await check.getByText("经营场所使用证明：已收纸质件").waitFor();
    await screenshot(clerk, "window-intake-check");
    await Promise.all([clerk.waitForURL(/\/window\?received=\d+$/), clerk.getByRole("button", { name: "确认收件" }).click()]);

    const done = clerk.getByRole("status", { name: "收件成功" });
    await done.waitFor();
    const tracking = (await done.locator("strong").textContent())!.trim();
    expect(tracking).toMatch(TRACKING_NUMBER_PATTERN);
    await clerk.getByRole("region", { name: /我今天的收件/ }).getByText(tracking).waitFor();
    await screenshot(clerk, "window-intake-done");

    const caseId = new URL(clerk.url()).searchParams.get("received");
    const receipt = await clerk.context().request.get(`${hall.url}/window/receipts/${caseId}`);
    expect(receipt.status()).toBe(200);
    const receiptHtml = await receipt.text();
    expect(receiptHtml).toContain(tracking);
    expect(receiptHtml).toContain("收件回执");

    // The clerk has no business on the workbench.
    const workbench = await clerk.goto(`${hall.url}/workbench`);
    expect(workbench?.status()).toBe(403);

    const lead = await newPage();
    await login(lead, hall.url, "reviewer_scjg");
    await lead.goto(`${hall.url}/workbench?queue=accept`);
    const row = lead.getByRole("row").filter({ hasText: "陈文" });
    await row.filter({ hasText: "个体工商户设立登记" }).first().waitFor();
    await row.getByRole("link").first().click();
    await lead.getByText(tracking).first().waitFor();
    await lead.getByText(/窗口收件/).first().waitFor();
    await screenshot(lead, "window-intake-workbench-case");

    // The applicant tracks it anonymously with the tracking number and the mobile given at the window.
    const anonymous = await newPage();
    await anonymous.goto(`${hall.url}/track`);
    await hydrated(anonymous);
    await anonymous.getByLabel(/办件编号/).fill(tracking);
    await anonymous.getByLabel(/手机号码/).fill("13509150001");
    await anonymous.getByRole("button", { name: "查询" }).click();
    await anonymous.getByText("个体工商户设立登记").first().waitFor();
  });
});
