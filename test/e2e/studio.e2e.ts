/**
 * The item studio in Chromium: a department admin who never types JSON creates a new item from a template,
 * designs a two-step form of 12 fields (a repeating table, a conditional field, an upload, a prefilled field),
 * edits its acceptance notice, sets a two-department workflow and submits it; a bad schema pasted in the JSON
 * tab is refused and changes nothing; the center reads the diff and publishes; a citizen finds the item,
 * applies, and the case reaches both departments.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TINY_PDF } from "../support/fixtures";
import { hydrated, launchChromium, login, screenshot } from "./browser";
import { startHall, type RunningHall } from "./server";

const ITEM = "食品小作坊登记";
let hall: RunningHall;
let browser: Browser;
const contexts: BrowserContext[] = [];
let draftUrl = "";

async function pageAs(username: string, path: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "zh-CN" });
  contexts.push(context);
  const page = await context.newPage();
  await login(page, hall.url, username);
  await page.goto(`${hall.url}${path}`);
  await hydrated(page);
  return page;
}

beforeAll(async () => {
  hall = await startHall("studio");
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await hall?.stop();
});

/** The designer's rows: [kind label, name, key, extra setup]. */
const FIELDS: Array<{ kind: string; label: string; key: string; setup?: (page: Page, i: number) => Promise<void> }> = [
  { kind: "分节标题", label: "经营者信息", key: "ownerHeading" },
  { kind: "单行文本", label: "经营者姓名", key: "ownerName", setup: async (p, i) => {
    await p.locator(`#root_fields_${i}_required`).check();
    await p.locator(`#root_fields_${i}_prefillSource`).selectOption({ label: "申请人信息" });
    await p.locator(`#root_fields_${i}_prefillPath`).fill("name");
  } },
  { kind: "公民身份号码", label: "身份证号码", key: "ownerIdCard", setup: async (p, i) => p.locator(`#root_fields_${i}_required`).check() },
  { kind: "手机号码", label: "联系电话", key: "mobile", setup: async (p, i) => p.locator(`#root_fields_${i}_required`).check() },
  { kind: "地址（省/市/县/镇）", label: "作坊地址", key: "workshopAddress" },
  { kind: "下拉选择", label: "加工类别", key: "category", setup: async (p, i) => {
    for (const [j, option] of ["粮食加工品", "茶叶及相关制品", "豆制品"].entries()) {
      await p.locator(`#root_fields_${i}_options`).getByRole("button", { name: "＋ 添加一项" }).click();
      await p.locator(`#root_fields_${i}_options_${j}`).fill(option);
    }
  } },
  { kind: "是/否", label: "是否雇用从业人员", key: "hasEmployees" },
  { kind: "重复表格", label: "从业人员", key: "employees", setup: async (p, i) => {
    for (const [j, [kind, label, key]] of [["单行文本", "姓名", "name"], ["公民身份号码", "身份证号码", "idCard"], ["是/否", "持有健康证明", "healthCert"]].entries()) {
      await p.locator(`#root_fields_${i}_columns`).getByRole("button", { name: "＋ 添加一项" }).last().click();
      await p.locator(`#root_fields_${i}_columns_${j}_kind`).selectOption({ label: kind });
      await p.locator(`#root_fields_${i}_columns_${j}_label`).fill(label);
      await p.locator(`#root_fields_${i}_columns_${j}_key`).fill(key);
    }
    await p.locator(`#root_fields_${i}_visibleField`).fill("hasEmployees");
    await p.locator(`#root_fields_${i}_visibleEquals`).fill("是");
  } },
  { kind: "金额（元）", label: "注册资金", key: "capital" },
  { kind: "日期", label: "计划开业日期", key: "openingDate" },
  { kind: "材料上传", label: "作坊平面图", key: "floorPlan", setup: async (p, i) => p.locator(`#root_fields_${i}_material`).fill("floor_plan") },
  { kind: "多行文本", label: "生产工艺流程", key: "process", setup: async (p, i) => p.locator(`#root_fields_${i}_required`).check() },
  { kind: "说明文字", label: "本人承诺所填信息真实有效。", key: "pledgeText" },
];

describe("item studio: from a department admin's design to a citizen's case", () => {
  it("a department admin creates a new item from a template and designs a two-step form without JSON", async () => {
    const admin = await pageAs("scjg_admin", "/studio");
    await admin.getByLabel("事项名称").fill(ITEM);
    await admin.getByLabel("基本编码（12 位数字）").fill("010117001099");
    await admin.getByLabel("模板事项").selectOption({ label: "个体工商户设立登记" });
    await Promise.all([admin.waitForURL(/\/studio\/drafts\/\d+\?tab=item$/), admin.getByRole("button", { name: "创建草稿" }).click()]);
    draftUrl = new URL(admin.url()).pathname;
    await admin.locator("h1", { hasText: ITEM }).waitFor();

    await admin.goto(`${hall.url}${draftUrl}?tab=form`);
    await hydrated(admin);
    const steps = admin.locator("#root_steps");
    for (const [j, title] of ["经营者信息", "作坊与从业人员"].entries()) {
      await steps.getByRole("button", { name: "＋ 添加一项" }).click();
      await admin.locator(`#root_steps_${j}`).fill(title);
    }
    // The starting form has one field (申请人姓名): replace it by the design.
    await admin.locator("#root_fields").getByRole("button", { name: "删除此项" }).first().click();
    for (const [i, f] of FIELDS.entries()) {
      await admin.locator("#root_fields").getByRole("button", { name: "＋ 添加一项" }).last().click();
      await admin.locator(`#root_fields_${i}_kind`).selectOption({ label: f.kind });
      await admin.locator(`#root_fields_${i}_label`).fill(f.label);
      await admin.locator(`#root_fields_${i}_key`).fill(f.key);
      await admin.locator(`#root_fields_${i}_step`).fill(i < 5 ? "1" : "2");
      await f.setup?.(admin, i);
    }
    // The live preview shows the fields as citizens will see them.
    const phone = admin.getByLabel("手机宽度预览（360 像素）");
    await phone.getByText("第 1 步，共 2 步：经营者信息").waitFor();
    await phone.getByLabel(/经营者姓名/).waitFor();
    await phone.getByRole("button", { name: "下一步：作坊与从业人员" }).click();
    await phone.getByLabel(/生产工艺流程/).waitFor();
    expect(await phone.getByText("从业人员", { exact: true }).count()).toBe(0); // shown only when 是否雇用从业人员 = 是
    await screenshot(admin, "studio-01-designer");
    // One table: 卫生健康局 reviews the employees; the routing is derived and shown.
    await admin.locator("#sections").getByRole("button", { name: "＋ 添加一项" }).click();
    await admin.locator("#sections_0_title").fill("从业人员健康");
    await admin.locator("#sections_0_key").fill("health");
    await admin.locator("#sections_0_department").selectOption({ label: "紫阳县卫生健康局" });
    await admin.locator("#sections_0_fields").getByLabel("是否雇用从业人员").check();
    await admin.locator("#sections_0_fields").getByLabel("从业人员", { exact: true }).check();
    await admin.locator("#sections").getByRole("button", { name: "＋ 添加一项" }).last().click();
    await admin.locator("#sections_1_title").fill("经营者与作坊");
    await admin.locator("#sections_1_key").fill("business");
    await admin.locator("#sections_1_department").selectOption({ label: "紫阳县市场监督管理局" });
    for (const label of ["经营者姓名", "身份证号码", "联系电话", "作坊地址", "加工类别", "注册资金", "计划开业日期", "作坊平面图", "生产工艺流程"]) {
      await admin.locator("#sections_1_fields").getByLabel(label, { exact: true }).check();
    }
    const routing = admin.getByRole("table", { name: "分区路由（由分区得出）" });
    expect(await routing.innerText()).toMatch(/紫阳县卫生健康局\s+从业人员健康\s+是否雇用从业人员、从业人员/);
    await admin.getByRole("button", { name: "保存表单" }).click();
    await admin.getByRole("status").filter({ hasText: "申请表单已保存" }).waitFor();
  });

  it("edits the acceptance notice with a field picker and preview, sets a two-department workflow, and submits", async () => {
    const admin = await pageAs("scjg_admin", `${draftUrl}?tab=templates`);
    const notice = admin.locator("section", { has: admin.locator("#source-acceptance_notice") });
    await admin.locator("#source-acceptance_notice").fill("{{#> layout}}<p class=\"addressee\">{{case.applicantName}}：</p><p class=\"body\">你提出的{{item.name}}申请已受理，加工类别：");
    await notice.getByText("插入表单字段").click();
    await notice.getByRole("button", { name: "插入“加工类别”" }).click();
    await admin.locator("#source-acceptance_notice").press("End");
    await admin.locator("#source-acceptance_notice").pressSequentially("。</p>{{/layout}}");
    expect(await admin.locator("#source-acceptance_notice").inputValue()).toContain("{{form.category}}。</p>{{/layout}}");
    await notice.getByRole("button", { name: "预览" }).click();
    await admin.frameLocator("iframe[title=文书预览]").getByText("加工类别：（加工类别）").waitFor();
    // A misspelt field is an error, not a blank.
    await admin.locator("#source-acceptance_notice").fill("{{#> layout}}{{form.categroy}}{{/layout}}");
    await notice.getByRole("button", { name: "预览" }).click();
    await admin.getByRole("alert").filter({ hasText: "字段名是否拼写正确" }).waitFor();
    await admin.locator("#source-acceptance_notice").fill("{{#> layout}}<p class=\"body\">{{case.applicantName}}：你提出的{{item.name}}申请已受理，加工类别：{{form.category}}。</p>{{/layout}}");
    await admin.getByLabel("持证主体取自表单字段").selectOption({ label: "经营者姓名" });
    await admin.getByLabel("持证主体代码取自表单字段").selectOption({ label: "身份证号码" });
    await admin.getByRole("button", { name: "保存文书模板" }).click();
    await admin.getByRole("status").filter({ hasText: "文书模板已保存" }).waitFor();

    await admin.getByRole("link", { name: "审批流程" }).click();
    await admin.locator("#root_coDepartments").waitFor();
    await admin.locator("#root_coDepartments").getByRole("button", { name: "＋ 添加一项" }).click();
    await admin.locator("#root_coDepartments_0_department").selectOption({ label: "紫阳县卫生健康局" });
    await admin.locator("#root_coDepartments_0_task").fill("审查从业人员健康证明和卫生条件");
    await admin.locator("#root_coDepartments_0_section").selectOption({ label: "从业人员健康" });
    await admin.getByRole("button", { name: "保存审批流程" }).click();
    await admin.getByRole("status").filter({ hasText: "审批流程已保存" }).waitFor();
    // The catalog quality rules speak on the field concerned.
    const ruleMessage = admin.locator("#root_coReviewDays").locator("xpath=ancestor::*[contains(@class,'form-group')][1]").getByText("有协办部门时必须设定协办部门答复时限");
    await ruleMessage.waitFor();
    await admin.locator("#root_coReviewDays").fill("3");
    await admin.getByRole("button", { name: "保存审批流程" }).click();
    await ruleMessage.waitFor({ state: "detached" });

    // An expert's bad schema in the JSON tab is refused; nothing changes.
    await admin.getByRole("link", { name: "JSON" }).click();
    await admin.getByLabel("申请表单（JSON）").waitFor();
    const before = await admin.getByLabel("申请表单（JSON）").inputValue();
    await admin.getByLabel("申请表单（JSON）").fill('{"kind":"application","schema":{"type":"object","properties":{"ownerName":{"type":"text"}}},"uiSchema":{}}');
    await admin.getByRole("button", { name: "保存 JSON" }).click();
    const refusal = admin.getByRole("alert").filter({ hasText: "form.schema.properties.ownerName" });
    await refusal.waitFor();
    await screenshot(admin, "studio-02-json-refused");
    await admin.goto(`${hall.url}${draftUrl}?tab=json`);
    await hydrated(admin);
    expect(await admin.getByLabel("申请表单（JSON）").inputValue()).toBe(before);

    await admin.getByRole("link", { name: "提交发布" }).click();
    await admin.getByRole("heading", { name: "提交政务服务中心发布" }).waitFor();
    // Every studio action is in the audit trail.
    const trail = await admin.getByRole("list", { name: "变更记录" }).innerText();
    for (const action of ["开始编辑", "保存草稿：申请表单", "保存草稿：文书模板", "保存草稿：审批流程"]) expect(trail).toContain(action);
    const problems = admin.getByTestId("draft-errors");
    if (await problems.count()) throw new Error(`draft has errors: ${await problems.innerText()}`);
    await Promise.all([admin.waitForURL(/\/studio\?submitted=/), admin.getByRole("button", { name: "提交发布" }).click()]);
  });

  it("the center reads the changes and publishes", async () => {
    const center = await pageAs("center", "/center");
    await center.getByRole("link", { name: "事项发布审核" }).click();
    await center.getByRole("link", { name: ITEM }).click();
    await center.getByTestId("changes").waitFor();
    expect(await center.getByTestId("changes").innerText()).toContain(`新事项“${ITEM}”`);
    await screenshot(center, "studio-03-center-diff");
    await Promise.all([center.waitForURL(/published=1/), center.getByRole("button", { name: "发布" }).click()]);
  });

  it("a citizen finds the new item, applies through both steps, and the case reaches both departments", async () => {
    const citizen = await pageAs("13912345678", `/search?q=${encodeURIComponent("食品小作坊")}`, 390);
    await citizen.getByRole("link", { name: ITEM }).first().click();
    await citizen.locator("h1", { hasText: ITEM }).waitFor();
    await citizen.getByRole("link", { name: "在线申请" }).click();
    await citizen.waitForURL(/\/apply$/);
    await hydrated(citizen);
    await citizen.getByText("第 1 步，共 2 步：经营者信息").waitFor();
    expect(await citizen.locator("#root_ownerName").inputValue()).toBe("张三");
    await citizen.locator("#root_ownerIdCard").fill("61092419900315123X");
    await citizen.locator("#root_mobile").fill("13912345678");
    // The address is chosen level by level down to the town.
    for (const [level, choice] of [["province", "陕西省"], ["city", "安康市"], ["county", "紫阳县"], ["town", "向阳镇"]]) {
      await citizen.locator(`#root_workshopAddress_${level}`).selectOption(choice);
    }
    await citizen.locator("#root_workshopAddress_detail").fill("营梁村二组");
    await citizen.getByRole("button", { name: "下一步：作坊与从业人员" }).click();
    await citizen.locator("#root_category").selectOption({ label: "茶叶及相关制品" });
    expect(await citizen.locator("#root_employees").count()).toBe(0);
    await citizen.locator("#root_hasEmployees").getByLabel("是").check();
    await citizen.locator("#root_employees").getByRole("button", { name: "＋ 添加一项" }).click();
    await citizen.locator("#root_employees_0_name").fill("李四");
    await citizen.locator("#root_employees_0_idCard").fill("610924199001011234");
    await citizen.locator("#root_process").fill("鲜叶摊放—杀青—揉捻—干燥—包装");
    await citizen.getByText("“作坊平面图”请在下方“申请材料”中上传。").waitFor();
    const pdf = { name: "材料.pdf", mimeType: "application/pdf", buffer: Buffer.from(TINY_PDF) };
    const inputs = citizen.locator("[data-extra-fields] input[type=file]");
    for (let i = 0; i < (await inputs.count()); i++) {
      const input = inputs.nth(i);
      const label = await citizen.locator(`label[for="${await input.getAttribute("id")}"]`).innerText();
      if (label.includes("必传")) await input.setInputFiles(pdf);
    }
    await screenshot(citizen, "studio-04-citizen-step-2");
    await citizen.getByRole("button", { name: "下一步：核对" }).click();
    await citizen.getByRole("region", { name: "请核对申请内容" }).getByText("向阳镇").first().waitFor();
    await Promise.all([citizen.waitForURL(/\/my\/cases\/\d+\?submitted=1$/), citizen.getByRole("button", { name: "确认提交" }).click()]);
    const caseId = new URL(citizen.url()).pathname.split("/").pop()!;

    const lead = await pageAs("reviewer_scjg", `/workbench/cases/${caseId}`);
    await Promise.all([lead.waitForURL(/\?done=accept/), lead.getByRole("button", { name: "受理", exact: true }).click()]);
    // The co-department finds the case in its review queue and can give its opinion.
    const health = await pageAs("reviewer_wsjk", "/workbench?queue=review");
    await screenshot(health, "studio-05-co-department-queue");
    expect(await health.locator("main").innerText()).toContain(ITEM);
    await health.goto(`${hall.url}/workbench/cases/${caseId}`);
    await health.getByRole("button", { name: "同意", exact: true }).waitFor();
    // The acceptance notice is the department's own template, with the citizen's answer in it.
    await citizen.goto(`${hall.url}/my/cases/${caseId}`);
    const href = (await citizen.getByRole("link", { name: "受理通知书", exact: true }).first().getAttribute("href"))!;
    const html = await (await citizen.request.get(`${hall.url}${href}`)).text();
    expect(html).toContain("加工类别：茶叶及相关制品");
  });
});
