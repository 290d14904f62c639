/**
 * The whole path in Chromium: a citizen finds 企业开办, reads its guide, applies through the one-table form;
 * the 市场监督管理局 accepts it; four departments review in parallel (the last two at the same moment); the
 * lead department decides, certifies, delivers and completes; the citizen sees the decision, its PDF and the
 * e-licence, which anyone can verify by code. Then a second application where one co-department is late and
 * is deemed to consent when the (moved) clock passes its deadline, and a supplement round trip on 个体工商户.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hydrated, launchChromium, login, screenshot, SCREENSHOT_DIR } from "./browser";
import { startHall, type RunningHall } from "./server";
import { TINY_PDF } from "../support/fixtures";

let hall: RunningHall;
let browser: Browser;
const contexts: BrowserContext[] = [];

async function newPage(width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "zh-CN" });
  contexts.push(context);
  return context.newPage();
}

const clockFile = path.resolve("data", "e2e", "clock-offset");

function moveClock(days: number) {
  fs.mkdirSync(path.dirname(clockFile), { recursive: true });
  fs.writeFileSync(clockFile, String(days * 86_400_000));
}

beforeAll(async () => {
  moveClock(0);
  hall = await startHall("enterprise-opening", { HALL_CLOCK_FILE: clockFile, HALL_SCHEDULER_INTERVAL_MS: "300" });
  browser = await launchChromium();
});

afterAll(async () => {
  fs.rmSync(clockFile, { force: true });
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
  await uploadRequiredMaterials(page);
}

/** 下一步：核对, then 确认提交 on the check page. */
async function submitAfterCheck(page: Page) {
  await page.getByRole("button", { name: "下一步：核对" }).click();
  await page.getByRole("region", { name: "请核对申请内容" }).waitFor();
  await Promise.all([page.waitForURL(/\/my\/cases\/\d+\?submitted=1$/), page.getByRole("button", { name: "确认提交" }).click()]);
}

/** Attaches a small PDF to every material marked （必传）, and a photo to the first optional one. */
async function uploadRequiredMaterials(page: Page) {
  const pdf = { name: "材料.pdf", mimeType: "application/pdf", buffer: Buffer.from(TINY_PDF) };
  const inputs = page.locator("[data-extra-fields] input[type=file]");
  for (let i = 0; i < (await inputs.count()); i++) {
    const input = inputs.nth(i);
    const label = await page.locator(`label[for="${await input.getAttribute("id")}"]`).innerText();
    if (label.includes("必传")) await input.setInputFiles(pdf);
  }
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
    // Installable: the manifest is linked, names the hall and its icons exist.
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
    const manifest = await (await page.request.get(`${hall.url}${manifestHref}`)).json();
    expect(manifest.name).toBe("紫阳县网上办事大厅");
    for (const icon of manifest.icons) {
      const res = await page.request.get(`${hall.url}${icon.src}`);
      expect([res.status(), res.headers()["content-type"]]).toEqual([200, "image/png"]);
    }
    // The search page ranks and highlights.
    await page.getByLabel("搜索办事事项").fill("企业开办");
    await Promise.all([page.waitForURL(/\/search\?q=/), page.getByRole("button", { name: "搜索" }).click()]);
    await page.getByRole("status").filter({ hasText: "相关的事项" }).waitFor();
    expect(await page.locator("ul.items mark").first().innerText()).toBe("企业开办");
    await page.goto(hall.url);
    await hydrated(page);
    await page.getByRole("link", { name: "企业开办（一表式并联办理）" }).first().click();
    await page.locator("h1", { hasText: "企业开办（一表式并联办理）" }).waitFor();
    expect(page.url()).toMatch(/\/items\/\d+$/);
    expect(await page.getByRole("heading", { name: "申请材料" }).count()).toBe(1);
    await screenshot(page, "02-guide");
    // The blank form and its sample download from the guide.
    const blankHref = (await page.getByRole("link", { name: "下载空白表格" }).getAttribute("href"))!;
    const blank = await newPageSameContext(page, `${hall.url}${blankHref}`);
    expect(await blank.locator("h1").innerText()).toBe("企业开办（一表式并联办理）申请表");
    expect(await blank.locator("th", { hasText: "企业名称" }).count()).toBe(1);
    const sample = await newPageSameContext(page, `${hall.url}${blankHref}?sample=1`);
    expect(await sample.locator("body").innerText()).toContain("紫阳县××有限公司");
    await screenshot(sample, "02b-sample-form");
    await blank.close();
    await sample.close();

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
    await page.getByRole("button", { name: "下一步：核对" }).click();
    await page.locator(".error-summary").first().waitFor();
    expect(await page.locator(".error-summary").first().innerText()).toContain("经办人手机号码");
    expect(page.url()).toMatch(/\/apply$/);
    await screenshot(page, "03-form-errors");

    await page.locator("#root_mobile").fill("13912345678");
    await page.getByRole("button", { name: "下一步：核对" }).click();
    const check = page.getByRole("region", { name: "请核对申请内容" });
    await check.waitFor();
    expect(await check.innerText()).toContain("紫阳县汉水富硒茶业有限公司");
    expect(await check.innerText()).toContain("材料.pdf");
    await screenshot(page, "03b-check");
    await Promise.all([page.waitForURL(/\/my\/cases\/\d+\?submitted=1$/), page.getByRole("button", { name: "确认提交" }).click()]);
    caseId = page.url().match(/\/my\/cases\/(\d+)/)![1];
    trackingNumber = await page.getByTestId("tracking-number").innerText();
    expect(trackingNumber).toMatch(/^[0-9A-Z]{31}\d{12}$/);
    await page.getByTestId("case-state").filter({ hasText: "已提交，待受理" }).waitFor();
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
    await page.getByTestId("case-state").filter({ hasText: "审查中" }).waitFor();

    const police = await newPage();
    await login(police, hall.url, "reviewer_gaj");
    await police.getByRole("heading", { name: /审批工作台/ }).waitFor();
    expect(await police.getByText("印章刻制备案").count()).toBeGreaterThan(0);
    const civil = await newPage();
    await login(civil, hall.url, "reviewer_mzj");
    await civil.getByRole("heading", { name: /审批工作台/ }).waitFor();
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
    expect(await police.getByRole("link", { name: "打开 PDF" }).count()).toBe(4);
    await screenshot(police, "06-police-review");
    await police.getByRole("button", { name: "同意", exact: true }).click();
    await police.getByText("审查意见已提交").waitFor();

    const [tax, social] = await Promise.all([openCaseAsReviewer("reviewer_swj", caseId), openCaseAsReviewer("reviewer_rsj", caseId)]);
    await Promise.all([tax.getByRole("button", { name: "同意", exact: true }).click(), social.getByRole("button", { name: "同意", exact: true }).click()]);
    await Promise.all([tax.getByText("审查意见已提交").waitFor(), social.getByText("审查意见已提交").waitFor()]);
    await tax.reload();
    await tax.getByTestId("case-state").filter({ hasText: "审查完毕，待决定" }).waitFor();
    const opinions = await tax.locator("table.data").filter({ hasText: "审查内容" }).innerText();
    expect(opinions.match(/同意/g)?.length).toBe(4);
    const timeline = await tax.getByRole("list", { name: "办理过程" }).innerText();
    expect(timeline.match(/各部门审查完毕/g)?.length).toBe(1);
    await screenshot(tax, "07-reviewed");
  });

  it("the lead department decides, certifies, delivers at the window and completes", async () => {
    const lead = await openCaseAsReviewer("reviewer_scjg", caseId);
    for (const [button, state] of [
      ["准予许可", "已决定（准予许可）"],
      ["制证（签发电子证照）", "已制证，待送达（准予许可）"],
      ["申请人已窗口领取", "已送达（准予许可）"],
      ["办结", "已办结（准予许可）"],
    ] as const) {
      await Promise.all([lead.waitForURL(/\?done=/), lead.getByRole("button", { name: button, exact: true }).click()]);
      await lead.getByTestId("case-state").filter({ hasText: state }).waitFor();
    }
    await screenshot(lead, "07b-completed-reviewer");
  });

  it("the citizen sees the decision, the licence and prints the numbered documents", async () => {
    const page = await newPage(360);
    await login(page, hall.url, "13912345678");
    await page.goto(`${hall.url}/my/cases/${caseId}`);
    await page.getByTestId("case-state").filter({ hasText: "已办结（准予许可）" }).waitFor();
    expect(await page.getByText("营业执照，编号").count()).toBe(1);
    await screenshot(page, "08-citizen-phone");

    const decisionLink = page.getByRole("link", { name: "准予行政许可决定书", exact: true });
    const href = (await decisionLink.getAttribute("href"))!;
    const doc = await newPageSameContext(page, `${hall.url}${href}`);
    expect(await doc.locator("h1").innerText()).toBe("准予行政许可决定书");
    expect(await doc.locator(".number").innerText()).toMatch(/^紫市监许〔\d{4}〕\d{4}号$/);
    expect(await doc.locator("body").innerText()).toContain(trackingNumber);
    await screenshot(doc, "09-decision");

    // The same snapshot as a PDF rendered by the server's Chromium.
    const pdf = await page.request.get(`${hall.url}${href}?format=pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    fs.writeFileSync(path.join(SCREENSHOT_DIR, "09-decision.pdf"), bytes);

    // The e-licence is in the citizen's library, and anyone can verify it by its code.
    await page.goto(`${hall.url}/my/licences`);
    const card = page.getByRole("region", { name: "营业执照" });
    const verifyCode = (await card.innerText()).match(/验证码：([2-9A-Z]{12})/)![1];
    const anonymous = await newPage();
    await anonymous.goto(`${hall.url}/licences/verify`);
    await hydrated(anonymous);
    await anonymous.getByLabel("证照验证码").fill(verifyCode.toLowerCase());
    await anonymous.getByRole("button", { name: "核验" }).click();
    await anonymous.getByText("核验通过：该电子证照真实有效。").waitFor();
    expect(await anonymous.getByTestId("licence-name").innerText()).toBe("营业执照");
    await screenshot(anonymous, "10-licence-verified");
    await anonymous.getByLabel("证照验证码").fill("AAAAAAAAAAAA");
    await anonymous.getByRole("button", { name: "核验" }).click();
    await anonymous.getByText("未查到该验证码对应的电子证照，请核对").waitFor();

    await page.goto(`${hall.url}/my/cases/${caseId}`);
    const noticeHref = (await page.getByRole("link", { name: "受理通知书", exact: true }).getAttribute("href"))!;
    const notice = await newPageSameContext(page, `${hall.url}${noticeHref}`);
    expect(await notice.locator(".number").innerText()).toMatch(/^紫市监受〔\d{4}〕\d{4}号$/);

    // Another applicant cannot open the citizen's documents.
    const other = await newPage();
    await login(other, hall.url, "ziyang_tea");
    const response = await other.goto(`${hall.url}${href}`);
    expect(response?.status()).toBe(404);
  });
});

describe("deadlines and supplements", () => {
  it("a co-department that does not answer is deemed to consent once the clock passes its deadline", async () => {
    const citizen = await newPage();
    await login(citizen, hall.url, "13912345678");
    await citizen.goto(`${hall.url}/items/1/apply`);
    await hydrated(citizen);
    await fillEnterpriseOpening(citizen);
    await submitAfterCheck(citizen);
    const id = citizen.url().match(/\/my\/cases\/(\d+)/)![1];

    const lead = await openCaseAsReviewer("reviewer_scjg", id);
    await Promise.all([lead.waitForURL(/\?done=accept/), lead.getByRole("button", { name: "受理", exact: true }).click()]);
    for (const username of ["reviewer_scjg", "reviewer_gaj", "reviewer_swj"]) {
      const reviewer = await openCaseAsReviewer(username, id);
      await Promise.all([reviewer.waitForURL(/\?done=agree/), reviewer.getByRole("button", { name: "同意", exact: true }).click()]);
    }
    // 人社 does not answer. Its deadline is one working day; a week later the scheduler deems its consent.
    moveClock(7);
    const deadline = Date.now() + 15_000;
    for (;;) {
      await lead.reload();
      if ((await lead.getByTestId("case-state").innerText()) === "审查完毕，待决定") break;
      if (Date.now() > deadline) throw new Error("deemed consent did not happen");
      await lead.waitForTimeout(300);
    }
    moveClock(0);
    const tasks = await lead.locator("table.data").filter({ hasText: "审查内容" }).innerText();
    expect(tasks).toContain("同意（超时默许）");
    const timeline = await lead.getByRole("list", { name: "办理过程" }).innerText();
    expect(timeline.match(/逾期未答复，视为同意（超时默许）/g)?.length).toBe(1);
    await screenshot(lead, "11-deemed-consent");
  });

  it("a supplement round trip: the lead department asks once for everything missing, the citizen corrects, it is accepted", async () => {
    const citizen = await newPage();
    await login(citizen, hall.url, "13912345678");
    // Found by pinyin initials, from the suggestions under the search box.
    await citizen.goto(hall.url);
    await hydrated(citizen);
    await citizen.getByLabel("搜索办事事项").fill("gtgsh");
    await citizen.getByRole("list", { name: "搜索建议" }).getByRole("link").first().click();
    await citizen.locator("h1", { hasText: "个体工商户设立登记" }).waitFor();
    await citizen.getByRole("link", { name: "在线申请" }).click();
    await citizen.waitForURL(/\/apply$/);
    await hydrated(citizen);
    expect(await citizen.locator("#root_idCard").inputValue()).toBe("61092419900315123X");
    await citizen.locator("#root_businessName").fill("紫阳县张三茶叶店");
    // The draft saves itself; on another device (a fresh browser context) the form comes back filled in.
    await citizen.getByText(/草稿已自动保存/).waitFor();
    const otherDevice = await newPage(360);
    await login(otherDevice, hall.url, "13912345678");
    await otherDevice.goto(citizen.url());
    await hydrated(otherDevice);
    expect(await otherDevice.locator("#root_businessName").inputValue()).toBe("紫阳县张三茶叶店");
    await otherDevice.close();
    await citizen.getByLabel("个人经营").check();
    await citizen.locator("#root_businessScope").fill("茶叶零售");
    await citizen.locator("#root_address").fill("紫阳县城关镇仁和社区");
    await citizen.locator("#root_capital").fill("5");
    await citizen.locator("#root_employeeCount").fill("1");
    await uploadRequiredMaterials(citizen);
    await submitAfterCheck(citizen);
    const id = citizen.url().match(/\/my\/cases\/(\d+)/)![1];

    const lead = await openCaseAsReviewer("reviewer_scjg", id);
    await lead.getByRole("button", { name: "一次性告知补正" }).click();
    await lead.getByText("请一次性列明需要补正的全部材料").waitFor();
    await lead.getByLabel("不予受理理由 / 需补正的材料（每行一项）").fill("经营场所地址应具体到门牌号\n补充经营场所使用证明");
    await Promise.all([lead.waitForURL(/\?done=supplement/), lead.getByRole("button", { name: "一次性告知补正" }).click()]);
    await lead.getByTestId("case-state").filter({ hasText: "待补正材料" }).waitFor();

    await citizen.goto(`${hall.url}/my/cases/${id}`);
    await citizen.getByTestId("case-state").filter({ hasText: "待补正材料" }).waitFor();
    expect(await citizen.getByRole("link", { name: "补正材料告知书", exact: true }).count()).toBe(1);
    await citizen.getByRole("link", { name: "补正材料", exact: true }).click();
    await citizen.waitForURL(/\/supplement$/);
    await hydrated(citizen);
    expect(await citizen.getByRole("region", { name: "需要补正的内容" }).innerText()).toContain("经营场所地址应具体到门牌号");
    await citizen.locator("#root_address").fill("紫阳县城关镇仁和社区和平路8号");
    await screenshot(citizen, "12-supplement");
    await Promise.all([citizen.waitForURL(/\?supplemented=1$/), citizen.getByRole("button", { name: "提交补正" }).click()]);
    await citizen.getByTestId("case-state").filter({ hasText: "已提交，待受理" }).waitFor();

    await lead.goto(`${hall.url}/workbench/cases/${id}`);
    await hydrated(lead);
    expect(await lead.getByRole("region", { name: "申请表" }).innerText()).toContain("和平路8号");
    await Promise.all([lead.waitForURL(/\?done=accept/), lead.getByRole("button", { name: "受理", exact: true }).click()]);
    await lead.getByTestId("case-state").filter({ hasText: "审查中" }).waitFor();

    // Anyone with the receipt's short number and the applicant's phone can follow the case without logging in.
    await citizen.goto(`${hall.url}/my/cases/${id}`);
    const shortNumber = (await citizen.locator("p", { hasText: "查询码：" }).first().innerText()).replace("查询码：", "").trim();
    const anonymous = await newPage(360);
    await anonymous.goto(`${hall.url}/track`);
    await hydrated(anonymous);
    await anonymous.getByLabel("办件编号或查询码").fill(shortNumber);
    await anonymous.getByLabel("手机号码").fill("13900000000");
    await anonymous.getByRole("button", { name: "查询" }).click();
    await anonymous.getByText("未查到匹配的办件，请核对办件编号和手机号码").waitFor();
    await anonymous.getByLabel("手机号码").fill("13912345678");
    await anonymous.getByRole("button", { name: "查询" }).click();
    await anonymous.getByTestId("track-state").filter({ hasText: "审查中" }).waitFor();
    await screenshot(anonymous, "13-track-anonymous");
  });
});

async function newPageSameContext(page: Page, url: string): Promise<Page> {
  const doc = await page.context().newPage();
  await doc.goto(url);
  return doc;
}
