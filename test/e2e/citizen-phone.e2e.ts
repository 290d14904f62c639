/**
 * Issue #4's "done when", on a phone (360×740, touch, zh-CN): a citizen finds 国有建设用地使用权及房屋所有权
 * 转移登记 by pinyin initials, reads the guide, opens the blank form, applies (prefilled from the profile),
 * leaves and resumes the draft on another phone, is refused a renamed executable, submits with uploads,
 * pays 80 元 at the mock cashier, answers a supplement request with a new upload, and — once the 自然资源局
 * and the 税务局 have reviewed and the case is decided, certified, delivered and completed — sees the
 * decision and finds the 不动产权证书 among the e-licences. Anyone can follow the case by number and phone.
 * Every citizen page is checked for horizontal overflow at 360 px and for touch targets of at least 44 px.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hydrated, launchChromium, login, screenshot } from "./browser";
import { startHall, type RunningHall } from "./server";
import { TINY_PDF } from "../support/fixtures";

const ITEM = "国有建设用地使用权及房屋所有权转移登记";
const CITIZEN = "13912345678";
const PHONE_WIDTH = 360;

/** A 1×1 PNG (a photo taken with the phone stands for a scan). */
const TINY_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
/** A Windows executable renamed to look like a scan of the ID card. */
const RENAMED_EXE = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00", "latin1"), Buffer.alloc(512, 0)]);

const pdf = (name: string) => ({ name, mimeType: "application/pdf", buffer: Buffer.from(TINY_PDF) });

let hall: RunningHall;
let browser: Browser;
const contexts: BrowserContext[] = [];

/** A phone: 360×740 CSS pixels, touch, mobile viewport meta honoured, Chinese locale. */
async function newPhone(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: PHONE_WIDTH, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    userAgent: "Mozilla/5.0 (Linux; Android 13; Pixel 5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
  });
  contexts.push(context);
  return context.newPage();
}

/** Staff work at a desktop. */
async function newDesktop(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  contexts.push(context);
  return context.newPage();
}

/** No sideways scrolling at 360 px, and every visible button (or button-styled link) is a 44 px touch target. */
async function fitsPhone(page: Page, what: string) {
  const { scrollWidth, small } = await page.evaluate(() => {
    const small = [...document.querySelectorAll<HTMLElement>("button, .button, input[type=submit]")]
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ el, box }) => box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden")
      .filter(({ box }) => box.height < 44)
      .map(({ el, box }) => `${(el.textContent ?? "").trim() || el.outerHTML.slice(0, 60)} (${box.height.toFixed(1)}px)`);
    return { scrollWidth: document.documentElement.scrollWidth, small };
  });
  expect(scrollWidth, `${what}: the page is wider than the phone`).toBeLessThanOrEqual(PHONE_WIDTH);
  expect(small, `${what}: buttons lower than 44 px`).toEqual([]);
}

async function openCaseAsReviewer(username: string, caseId: string): Promise<Page> {
  const page = await newDesktop();
  await login(page, hall.url, username);
  await page.goto(`${hall.url}/workbench/cases/${caseId}`);
  await hydrated(page);
  return page;
}

/** One workbench button, then the post/redirect/get that shows the new state. */
async function act(page: Page, button: string, intent: string, state: string) {
  await Promise.all([page.waitForURL(new RegExp(`\\?done=${intent}$`)), page.getByRole("button", { name: button, exact: true }).click()]);
  await page.getByTestId("case-state").filter({ hasText: state }).waitFor();
}

beforeAll(async () => {
  hall = await startHall("citizen-phone");
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await hall?.stop();
});

describe("不动产转移登记 on a phone, from search to e-licence", () => {
  let citizen: Page;
  let applyUrl = "";
  let caseId = "";
  let trackingNumber = "";

  it("finds the item by pinyin initials, reads the guide and opens the blank form", async () => {
    citizen = await newPhone();
    await citizen.goto(hall.url);
    await hydrated(citizen);
    expect(await citizen.evaluate(() => window.innerWidth)).toBe(PHONE_WIDTH);
    // 房屋所有权 = fang wu suo you quan: the suggestions under the box, then the full search page.
    const box = citizen.getByLabel("搜索办事事项");
    await box.fill("fwsyq");
    await citizen.getByRole("list", { name: "搜索建议" }).getByRole("link", { name: ITEM }).waitFor();
    await Promise.all([citizen.waitForURL(/\/search\?q=fwsyq$/), citizen.getByRole("button", { name: "搜索", exact: true }).tap()]);
    await citizen.getByRole("status").filter({ hasText: "与“fwsyq”相关的事项" }).waitFor();
    const hit = citizen.locator("ul.items li").filter({ hasText: ITEM });
    expect(await hit.count()).toBe(1);
    expect(await hit.locator("mark").allInnerTexts()).toEqual(["房屋所有权"]);
    expect(await hit.innerText()).toContain("匹配：拼音");
    await fitsPhone(citizen, "search");
    await screenshot(citizen, "phone-01-search");

    await hit.getByRole("link", { name: ITEM }).tap();
    await citizen.locator("h1", { hasText: ITEM }).waitFor();
    expect(citizen.url()).toMatch(/\/items\/\d+$/);
    expect(await citizen.getByRole("heading", { name: "申请材料" }).count()).toBe(1);
    // The fee the citizen will owe is stated in the guide.
    expect(await citizen.getByRole("table").filter({ hasText: "收费项目" }).innerText()).toContain("住宅类不动产登记费");
    await fitsPhone(citizen, "guide");
    await screenshot(citizen, "phone-02-guide");

    // 下载空白表格: the printable blank application form, in a new tab.
    const blankLink = citizen.getByRole("link", { name: "下载空白表格" });
    const [blank] = await Promise.all([citizen.context().waitForEvent("page"), blankLink.tap()]);
    await blank.waitForLoadState();
    expect(blank.url()).toMatch(/\/items\/\d+\/blank-form$/);
    expect(await blank.locator("h1").innerText()).toBe(`${ITEM}申请表`);
    expect(await blank.locator("th", { hasText: "房屋用途" }).count()).toBe(1);
    expect(await blank.locator("th", { hasText: "不动产坐落" }).count()).toBe(1);
    await screenshot(blank, "phone-03-blank-form");
    await blank.close();
  });

  it("applies prefilled from the profile; the draft saves itself and comes back on another phone", async () => {
    await citizen.getByRole("link", { name: "在线申请", exact: true }).tap();
    await citizen.waitForURL(/\/login\?redirectTo=/);
    await hydrated(citizen);
    await citizen.getByLabel("账号或手机号码").fill(CITIZEN);
    await citizen.getByLabel("密码").fill("Ziyang2026");
    await Promise.all([citizen.waitForURL(/\/items\/\d+\/apply$/), citizen.getByRole("button", { name: "登录" }).tap()]);
    await hydrated(citizen);
    applyUrl = citizen.url();

    // Prefilled from 张三's profile.
    expect(await citizen.locator("#root_applicantName").inputValue()).toBe("张三");
    expect(await citizen.locator("#root_mobile").inputValue()).toBe(CITIZEN);
    expect(await citizen.locator("#root_idCard").inputValue()).toBe("61092419900315123X");
    await citizen.getByRole("status").filter({ hasText: "填写内容会自动保存为草稿" }).waitFor();

    // Part of the form, then the autosave that carries the last of it.
    const saved = citizen.waitForResponse((r) => {
      if (!/\/items\/\d+\/draft(\.data)?$/.test(new URL(r.url()).pathname) || r.request().method() !== "POST") return false;
      const draft = new URLSearchParams(r.request().postData() ?? "").get("draft") ?? "";
      return draft.includes("紫阳县城关镇紫府路88号3幢2单元501室") && draft.includes('"propertyUse":"住宅"');
    });
    await citizen.locator("#root_transferorName").fill("李四");
    await citizen.locator("#root_propertyLocation").fill("紫阳县城关镇紫府路88号3幢2单元501室");
    await citizen.locator("#root_propertyUse").selectOption("住宅");
    expect((await saved).status()).toBe(200);
    await citizen.getByRole("status").filter({ hasText: /草稿已自动保存（.+），换手机或电脑登录后可继续填写/ }).waitFor();
    await fitsPhone(citizen, "apply");
    await screenshot(citizen, "phone-04-draft-saved");

    // Leave the form…
    await citizen.goto(`${hall.url}/my/cases`);
    await citizen.locator("h1", { hasText: "张三的办件" }).waitFor();

    // …and resume on another phone (a fresh browser), where the draft wins over the prefill.
    citizen = await newPhone();
    await login(citizen, hall.url, CITIZEN);
    await citizen.goto(applyUrl);
    await hydrated(citizen);
    await citizen.getByRole("status").filter({ hasText: "草稿已自动保存" }).waitFor();
    expect(await citizen.locator("#root_transferorName").inputValue()).toBe("李四");
    expect(await citizen.locator("#root_propertyLocation").inputValue()).toBe("紫阳县城关镇紫府路88号3幢2单元501室");
    expect(await citizen.locator("#root_propertyUse option:checked").innerText()).toBe("住宅");
    expect(await citizen.locator("#root_applicantName").inputValue()).toBe("张三");
    await screenshot(citizen, "phone-05-draft-resumed");
  });

  it("refuses a renamed executable, then submits with the real scans", async () => {
    await citizen.locator("#root_transferorIdNumber").fill("610924198506201234");
    await citizen.locator("#root_originalCertificateNo").fill("陕（2021）紫阳县不动产权第0001234号");
    await citizen.locator("#root_buildingArea").fill("98.5");
    await citizen.locator("#root_transferReason").selectOption("买卖");
    await citizen.locator("#root_transactionPrice").fill("45");
    await citizen.locator("#root_ownershipType").selectOption("单独所有");

    // What must be uploaded online (the application form is filled online; the paper certificate is shown at the window).
    const required: string[] = [];
    for (const label of await citizen.locator("[data-extra-fields] label").allInnerTexts()) if (label.includes("（必传）")) required.push(label);
    expect(required).toEqual([
      "申请人身份证明（居民身份证或营业执照）（必传）",
      "不动产买卖合同（或赠与合同、继承公证书、生效法律文书等转移原因证明）（必传）",
      "契税等税费缴纳凭证（必传）",
    ]);
    const identity = citizen.locator("#field-materials-identity_proofs");
    const contract = citizen.locator("#field-materials-transfer_contract");
    const taxProof = citizen.locator("#field-materials-tax_payment_proof");
    await identity.setInputFiles({ name: "身份证.pdf", mimeType: "application/pdf", buffer: RENAMED_EXE });
    await contract.setInputFiles(pdf("买卖合同.pdf"));
    await taxProof.setInputFiles({ name: "完税凭证.png", mimeType: "image/png", buffer: TINY_PNG });
    await fitsPhone(citizen, "apply (filled)");

    await citizen.getByRole("button", { name: "下一步：核对" }).tap();
    const check = citizen.getByRole("region", { name: "请核对申请内容" });
    await check.waitFor();
    expect(await check.innerText()).toContain("身份证.pdf");
    await fitsPhone(citizen, "apply (check)");
    await citizen.getByRole("button", { name: "确认提交" }).tap();
    const refusal = citizen.getByRole("alert").filter({ hasText: "提交未成功" });
    await refusal.waitFor();
    // Said once, in Chinese, on the material's own field too.
    expect(await citizen.locator(".error-summary").count()).toBe(1);
    expect(await refusal.innerText()).toContain("申请人身份证明（居民身份证或营业执照）：只能上传 PDF、JPG、PNG 文件（按文件内容识别）");
    expect(await citizen.locator("#field-materials-identity_proofs-error").innerText()).toContain("只能上传 PDF、JPG、PNG 文件");
    expect(citizen.url()).toBe(applyUrl);
    await screenshot(citizen, "phone-06-exe-refused");
    // Nothing was submitted: no case exists for the citizen.
    const mine = await citizen.context().newPage();
    await mine.goto(`${hall.url}/my/cases`);
    expect(await mine.locator("main").innerText()).not.toContain(ITEM);
    await mine.close();

    // The form kept everything; replace the fake with the real scan.
    expect(await citizen.locator("#root_propertyLocation").inputValue()).toBe("紫阳县城关镇紫府路88号3幢2单元501室");
    await identity.setInputFiles(pdf("身份证.pdf"));
    await citizen.getByRole("button", { name: "下一步：核对" }).tap();
    await check.waitFor();
    const checked = await check.innerText();
    for (const text of ["紫阳县城关镇紫府路88号3幢2单元501室", "住宅", "身份证.pdf", "买卖合同.pdf", "完税凭证.png"]) expect(checked).toContain(text);
    await screenshot(citizen, "phone-07-check");
    await Promise.all([citizen.waitForURL(/\/my\/cases\/\d+\?submitted=1$/), citizen.getByRole("button", { name: "确认提交" }).tap()]);
    caseId = citizen.url().match(/\/my\/cases\/(\d+)/)![1];
    trackingNumber = await citizen.getByTestId("tracking-number").innerText();
    await citizen.getByTestId("case-state").filter({ hasText: "已提交，待受理" }).waitFor();
    expect(await citizen.getByRole("status").filter({ hasText: "申请已提交" }).innerText()).toContain("本办件待缴费 80.00 元");
    expect(await citizen.getByTestId("payment-state").innerText()).toContain("待缴费 80.00 元");
    await hydrated(citizen);
    await fitsPhone(citizen, "case");
    await screenshot(citizen, "phone-08-submitted");

    // The draft is gone once the application is in.
    await citizen.goto(applyUrl);
    await hydrated(citizen);
    await citizen.getByRole("status").filter({ hasText: "填写内容会自动保存为草稿" }).waitFor();
    expect(await citizen.locator("#root_propertyLocation").inputValue()).toBe("");
  });

  it("pays 80 元 with the mock provider", async () => {
    await citizen.goto(`${hall.url}/my/cases/${caseId}`);
    await hydrated(citizen);
    await Promise.all([citizen.waitForURL(new RegExp(`/my/cases/${caseId}/pay$`)), citizen.getByRole("link", { name: "去缴费" }).tap()]);
    await hydrated(citizen);
    expect(await citizen.getByTestId("payment-total").innerText()).toBe("80.00 元");
    expect(await citizen.getByRole("table").innerText()).toContain("住宅类不动产登记费");
    await fitsPhone(citizen, "pay");
    await screenshot(citizen, "phone-09-pay");
    await Promise.all([citizen.waitForURL(/\/pay\/mock\/[^/]+$/), citizen.getByRole("button", { name: "确认支付" }).tap()]);
    await hydrated(citizen);
    expect(await citizen.locator(".card").innerText()).toContain("支付金额：80.00 元");
    await fitsPhone(citizen, "mock cashier");
    await screenshot(citizen, "phone-10-cashier");
    await Promise.all([citizen.waitForURL(new RegExp(`/my/cases/${caseId}/pay$`)), citizen.getByRole("button", { name: "支付成功" }).tap()]);
    await citizen.getByTestId("payment-status").filter({ hasText: "缴费成功：已缴 80.00 元" }).waitFor();
    await screenshot(citizen, "phone-11-paid");
    await citizen.getByRole("link", { name: "← 返回办件详情" }).tap();
    await citizen.waitForURL(new RegExp(`/my/cases/${caseId}$`));
    await citizen.getByTestId("payment-state").filter({ hasText: "已缴费 80.00 元" }).waitFor();
    expect(await citizen.getByRole("link", { name: "去缴费" }).count()).toBe(0);
  });

  it("the 自然资源局 asks once for a supplement, the citizen uploads it, and the case is accepted", async () => {
    const lead = await openCaseAsReviewer("reviewer_zrzy", caseId);
    expect(await lead.getByTestId("payment-state").innerText()).toContain("已缴费 80.00 元");
    await lead.getByLabel("不予受理理由 / 需补正的材料（每行一项）").fill("买卖合同缺少签字页，请补充上传完整合同");
    await act(lead, "一次性告知补正", "supplement", "待补正材料");

    await citizen.goto(`${hall.url}/my/cases/${caseId}`);
    await hydrated(citizen);
    await citizen.getByTestId("case-state").filter({ hasText: "待补正材料" }).waitFor();
    expect(await citizen.getByRole("link", { name: "补正材料告知书", exact: true }).count()).toBe(1);
    await Promise.all([citizen.waitForURL(/\/supplement$/), citizen.getByRole("link", { name: "补正材料", exact: true }).tap()]);
    await hydrated(citizen);
    expect(await citizen.getByRole("region", { name: "需要补正的内容" }).innerText()).toContain("买卖合同缺少签字页");
    await citizen.locator("#field-materials-transfer_contract").setInputFiles(pdf("买卖合同（含签字页）.pdf"));
    await fitsPhone(citizen, "supplement");
    await screenshot(citizen, "phone-12-supplement");
    await Promise.all([citizen.waitForURL(/\?supplemented=1$/), citizen.getByRole("button", { name: "提交补正" }).tap()]);
    await citizen.getByTestId("case-state").filter({ hasText: "已提交，待受理" }).waitFor();
    expect(await citizen.locator("main").innerText()).toContain("买卖合同（含签字页）.pdf");

    await lead.goto(`${hall.url}/workbench/cases/${caseId}`);
    await hydrated(lead);
    expect(await lead.locator("figure", { hasText: "买卖合同（含签字页）.pdf" }).count()).toBe(1);
    await act(lead, "受理", "accept", "审查中");
  });

  it("both departments agree; the lead decides, certifies, delivers and completes", async () => {
    const lead = await openCaseAsReviewer("reviewer_zrzy", caseId);
    await act(lead, "同意", "agree", "审查中");
    const tax = await openCaseAsReviewer("reviewer_swj", caseId);
    expect(await tax.locator("h2", { hasText: "契税等税费完税信息核验" }).count()).toBe(1);
    await act(tax, "同意", "agree", "审查完毕，待决定");

    await lead.goto(`${hall.url}/workbench/cases/${caseId}`);
    await hydrated(lead);
    await lead.getByTestId("case-state").filter({ hasText: "审查完毕，待决定" }).waitFor();
    await act(lead, "准予许可", "approve", "已决定（准予许可）");
    await act(lead, "制证（签发电子证照）", "certify", "已制证，待送达（准予许可）");
    await act(lead, "申请人已窗口领取", "deliver_window", "已送达（准予许可）");
    await act(lead, "办结", "complete", "已办结（准予许可）");
    await screenshot(lead, "phone-13-reviewer-completed");
  });

  it("the citizen sees the decision and finds the 不动产权证书 in 我的证照", async () => {
    await citizen.goto(`${hall.url}/my/cases/${caseId}`);
    await hydrated(citizen);
    await citizen.getByTestId("case-state").filter({ hasText: "已办结（准予许可）" }).waitFor();
    expect(await citizen.getByText(/不动产权证书，编号/).count()).toBe(1);
    await fitsPhone(citizen, "case (completed)");
    await screenshot(citizen, "phone-14-completed");

    const decision = citizen.getByRole("link", { name: "准予行政许可决定书", exact: true });
    const href = (await decision.getAttribute("href"))!;
    const doc = await citizen.context().newPage();
    await doc.goto(`${hall.url}${href}`);
    expect(await doc.locator("h1").innerText()).toBe("准予行政许可决定书");
    const body = await doc.locator("body").innerText();
    expect(body).toContain(trackingNumber);
    expect(body).toContain(ITEM);
    await screenshot(doc, "phone-15-decision");
    await doc.close();

    await citizen.goto(`${hall.url}/my/licences`);
    await hydrated(citizen);
    const card = citizen.getByRole("region", { name: "不动产权证书" });
    const text = await card.innerText();
    expect(text).toContain("持证主体：张三");
    expect(text).toContain("紫阳县自然资源局");
    expect(text).toMatch(/验证码：[2-9A-Z]{12}/);
    await fitsPhone(citizen, "my licences");
    await screenshot(citizen, "phone-16-licences");
  });

  it("anyone follows the case by its number and the applicant's phone, without logging in", async () => {
    const anonymous = await newPhone();
    await anonymous.goto(`${hall.url}/track`);
    await hydrated(anonymous);
    await anonymous.getByLabel("办件编号或查询码").fill(trackingNumber);
    await anonymous.getByLabel("手机号码").fill("13900000000");
    await anonymous.getByRole("button", { name: "查询" }).tap();
    await anonymous.getByText("未查到匹配的办件，请核对办件编号和手机号码").waitFor();
    expect(await anonymous.getByTestId("track-state").count()).toBe(0);
    await anonymous.getByLabel("手机号码").fill(CITIZEN);
    await anonymous.getByRole("button", { name: "查询" }).tap();
    await anonymous.getByTestId("track-state").filter({ hasText: "已办结（准予许可）" }).waitFor();
    expect(await anonymous.getByRole("heading", { name: ITEM }).count()).toBe(1);
    await fitsPhone(anonymous, "track");
    await screenshot(anonymous, "phone-17-track");
  });
});
