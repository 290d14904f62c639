/**
 * The whole path in Chromium: a citizen finds 企业开办, reads its guide, applies through the one-table form;
 * the 市场监督管理局 accepts it; four departments review in parallel (the last two at the same moment);
 * the citizen sees the decision, the licence and the printable documents.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hydrated, launchChromium, login, screenshot, SCREENSHOT_DIR } from "./browser";
import { startHall, type RunningHall } from "./server";

let hall: RunningHall;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPage(width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "zh-CN" });
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  hall = await startHall("enterprise-opening");
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await hall?.stop();
});

async function fillEnterpriseOpening(page: Page) {
  await page.locator("#root_companyName").fill("紫阳县汉水富硒茶业有限公司");
  await page.locator("#root_companyType").selectOption("有限责任公司（自然人独资）");
  await page.locator("#root_registeredCapital").fill("50");
  await page.locator("#root_businessScope").fill("一般项目：茶叶种植；初级农产品收购");
  await page.locator("#root_address").fill("紫阳县城关镇新桥社区紫府路18号");
  await page.locator("#root_legalRepresentative_name").fill("张三");
  await page.locator("#root_legalRepresentative_idCard").fill("61092419900315123X");
  await page.locator("#root_legalRepresentative_mobile").fill("13912345678");
  await page.locator("#root_shareholders_0_name").fill("张三");
  await page.locator("#root_shareholders_0_idType").selectOption("居民身份证");
  await page.locator("#root_shareholders_0_idNumber").fill("61092419900315123X");
  await page.locator("#root_shareholders_0_subscribedCapital").fill("50");
  await page.locator("#root_shareholders_0_contributionForm").selectOption("货币");
  await page.getByLabel("企业公章").check();
  await page.getByLabel("财务专用章").check();
  await page.locator("#root_sealCompany").selectOption("紫阳县汉江印章刻制有限公司");
  await page.locator("#root_invoiceType").selectOption("数电发票（普通发票）");
  await page.locator("#root_invoiceContact_name").fill("李四");
  await page.locator("#root_invoiceContact_mobile").fill("13800001111");
  await page.locator("#root_employeeCount").fill("5");
  await page.locator("#root_socialInsuranceContact_name").fill("王五");
  await page.locator("#root_socialInsuranceContact_mobile").fill("13700002222");
}

async function openCaseAsReviewer(username: string, caseId: string): Promise<Page> {
  const page = await newPage();
  await login(page, hall.url, username);
  await page.goto(`${hall.url}/workbench/cases/${caseId}`);
  await hydrated(page);
  return page;
}

describe("企业开办 from guide to decision", () => {
  let caseId = "";
  let trackingNumber = "";

  it("a citizen finds the item, reads the guide and applies through the one-table form", async () => {
    const page = await newPage();
    await page.goto(hall.url);
    await hydrated(page);
    expect(await page.getByRole("heading", { name: "紫阳县市场监督管理局" }).count()).toBe(1);
    await screenshot(page, "01-home");
    await page.getByRole("link", { name: "企业开办（一表式并联办理）" }).first().click();
    await page.locator("h1", { hasText: "企业开办（一表式并联办理）" }).waitFor();
    expect(page.url()).toMatch(/\/items\/\d+$/);
    expect(await page.getByRole("heading", { name: "申请材料" }).count()).toBe(1);
    await screenshot(page, "02-guide");

    await page.getByRole("link", { name: "在线申请" }).click();
    await page.waitForURL(/\/login\?redirectTo=/);
    await hydrated(page);
    await page.getByLabel("账号或手机号码").fill("13912345678");
    await page.getByLabel("密码").fill("wrong-password1");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByText("账号或密码不正确").first().waitFor();
    await page.getByLabel("密码").fill("Ziyang2026");
    await Promise.all([page.waitForURL(/\/apply$/), page.getByRole("button", { name: "登录" }).click()]);
    await hydrated(page);

    // Prefilled from the profile.
    expect(await page.locator("#root_applicantName").inputValue()).toBe("张三");
    expect(await page.locator("#root_mobile").inputValue()).toBe("13912345678");

    await fillEnterpriseOpening(page);
    await page.locator("#root_mobile").fill("12345");
    await page.getByRole("button", { name: "提交申请" }).click();
    await page.locator(".error-summary").first().waitFor();
    expect(await page.locator(".error-summary").first().innerText()).toContain("经办人手机号码");
    expect(page.url()).toMatch(/\/apply$/);
    await screenshot(page, "03-form-errors");

    await page.locator("#root_mobile").fill("13912345678");
    await Promise.all([page.waitForURL(/\/my\/cases\/\d+\?submitted=1$/), page.getByRole("button", { name: "提交申请" }).click()]);
    caseId = page.url().match(/\/my\/cases\/(\d+)/)![1];
    trackingNumber = await page.getByTestId("tracking-number").innerText();
    expect(trackingNumber).toMatch(/^[0-9A-Z]{31}\d{12}$/);
    expect(await page.getByTestId("case-state").innerText()).toBe("已提交，待受理");
    await screenshot(page, "04-submitted");
  });

  it("the lead department accepts and the co-departments receive their tasks", async () => {
    const page = await newPage();
    await login(page, hall.url, "reviewer_scjg");
    expect(page.url()).toMatch(/\/workbench$/);
    await page.getByRole("link", { name: /\d{4}-\d{8}-\d{4}/ }).first().click();
    await page.waitForURL(new RegExp(`/workbench/cases/${caseId}$`));
    await hydrated(page);
    await screenshot(page, "05-accept");
    await page.getByRole("button", { name: "受理", exact: true }).click();
    await page.getByText("已受理，并联审查任务已分送各部门").waitFor();
    expect(await page.getByTestId("case-state").innerText()).toBe("审查中");

    const police = await newPage();
    await login(police, hall.url, "reviewer_gaj");
    expect(await police.getByText("印章刻制备案").count()).toBeGreaterThan(0);
    const civil = await newPage();
    await login(civil, hall.url, "reviewer_mzj");
    expect(await civil.getByText("印章刻制备案").count()).toBe(0);
    await civil.goto(`${hall.url}/workbench/cases/${caseId}`);
    expect(await civil.locator("h1").innerText()).toMatch(/不存在/);
  });

  it("four departments agree, the last two at the same moment, and the case completes once", async () => {
    const lead = await openCaseAsReviewer("reviewer_scjg", caseId);
    await lead.getByRole("button", { name: "同意", exact: true }).click();
    await lead.getByText("审查意见已提交").waitFor();

    const police = await openCaseAsReviewer("reviewer_gaj", caseId);
    expect(await police.getByRole("region", { name: "印章刻制备案", exact: true }).innerText()).toContain("本部门审查");
    await screenshot(police, "06-police-review");
    await police.getByRole("button", { name: "同意", exact: true }).click();
    await police.getByText("审查意见已提交").waitFor();

    const [tax, social] = await Promise.all([openCaseAsReviewer("reviewer_swj", caseId), openCaseAsReviewer("reviewer_rsj", caseId)]);
    await Promise.all([tax.getByRole("button", { name: "同意", exact: true }).click(), social.getByRole("button", { name: "同意", exact: true }).click()]);
    await Promise.all([tax.getByText("审查意见已提交").waitFor(), social.getByText("审查意见已提交").waitFor()]);
    await tax.reload();
    expect(await tax.getByTestId("case-state").innerText()).toBe("已办结（准予许可）");
    const opinions = await tax.locator("table.data").filter({ hasText: "审查内容" }).innerText();
    expect(opinions.match(/同意/g)?.length).toBe(4);
    const timeline = await tax.getByRole("list", { name: "办理过程" }).innerText();
    expect(timeline.match(/汇总各部门意见/g)?.length).toBe(1);
    await screenshot(tax, "07-completed-reviewer");
  });

  it("the citizen sees the decision, the licence and prints the numbered documents", async () => {
    const page = await newPage(360);
    await login(page, hall.url, "13912345678");
    await page.goto(`${hall.url}/my/cases/${caseId}`);
    expect(await page.getByTestId("case-state").innerText()).toBe("已办结（准予许可）");
    expect(await page.getByText("营业执照，编号").count()).toBe(1);
    await screenshot(page, "08-citizen-phone");

    const decisionLink = page.getByRole("link", { name: "准予行政许可决定书" });
    const href = (await decisionLink.getAttribute("href"))!;
    const doc = await newPageSameContext(page, `${hall.url}${href}`);
    expect(await doc.locator("h1").innerText()).toBe("准予行政许可决定书");
    expect(await doc.locator(".number").innerText()).toMatch(/^紫市监许〔\d{4}〕\d{4}号$/);
    expect(await doc.locator("body").innerText()).toContain(trackingNumber);
    await screenshot(doc, "09-decision");
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await doc.pdf({ path: path.join(SCREENSHOT_DIR, "09-decision.pdf"), format: "A4" });

    const noticeHref = (await page.getByRole("link", { name: "受理通知书" }).getAttribute("href"))!;
    const notice = await newPageSameContext(page, `${hall.url}${noticeHref}`);
    expect(await notice.locator(".number").innerText()).toMatch(/^紫市监受〔\d{4}〕\d{4}号$/);

    // Another applicant cannot open the citizen's documents.
    const other = await newPage();
    await login(other, hall.url, "ziyang_tea");
    const response = await other.goto(`${hall.url}${href}`);
    expect(response?.status()).toBe(404);
  });
});

async function newPageSameContext(page: Page, url: string): Promise<Page> {
  const doc = await page.context().newPage();
  await doc.goto(url);
  return doc;
}
