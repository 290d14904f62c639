/**
 * Go-live in Chromium, on a fresh production-mode hall (HALL_DEMO=off): nothing of the demo exists; the first
 * center admin is created with `npm run create-admin`'s script; the admin creates the county, imports towns, a
 * village, two departments and six staff from .xlsx; a new department admin must change the temporary password
 * before opening the studio; a new reviewer sees the workbench; disabling a user ends their open session at
 * once. A start without SESSION_SECRET stops with a message naming it.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creditCodeCheckChar } from "~/identity/credit-code";
import { hydrated, launchChromium, login, screenshot } from "./browser";
import { startHall, type RunningHall } from "./server";

let hall: RunningHall;
let browser: Browser;
const contexts: BrowserContext[] = [];
const ADMIN_PASSWORD = "Zhangxiao2026";
const SECRET = randomBytes(24).toString("hex");

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  contexts.push(context);
  return context.newPage();
}

beforeAll(async () => {
  hall = await startHall("go-live", { HALL_DEMO: "off", SESSION_SECRET: SECRET });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await hall?.stop();
});

const creditCode = (body17: string) => body17 + creditCodeCheckChar(body17);

async function directoryWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, header: string[], rows: string[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(header);
    for (const row of rows) ws.addRow(row);
  };
  sheet("区划", ["区划代码", "名称", "层级", "上级区划代码", "设有大厅或分厅"], [
    ["610924100201", "新桥社区", "村（社区）", "610924100000", "否"],
    ["610924100000", "城关镇", "乡镇（街道）", "610924000000", "是"],
  ]);
  sheet("部门", ["部门代码", "部门名称", "文书简称", "统一社会信用代码", "所属区划代码", "事项清单事项数", "咨询电话", "投诉电话"], [
    ["scjg", "紫阳县市场监督管理局", "紫市监", creditCode("11610924MB2975601"), "610924000000", "40", "0915-4321111", "0915-4321112"],
    ["wsjk", "紫阳县卫生健康局", "紫卫健", creditCode("11610924MB2975602"), "610924000000", "25", "", ""],
  ]);
  sheet("人员", ["用户名", "姓名", "手机号码", "电子邮箱", "所属部门代码", "角色"], [
    ["sj_admin", "何晓梅", "13600000011", "", "scjg", "部门事项管理员"],
    ["sj_li", "李秀英", "13600000012", "", "scjg", "审批人员"],
    ["sj_wang", "王建军", "", "", "scjg", "审批人员"],
    ["wj_chen", "陈晓燕", "", "", "wsjk", "审批人员、部门事项管理员"],
    ["ck_zhou", "周丽", "", "", "scjg", "窗口工作人员"],
    ["jc_zhao", "赵敏", "", "", "", "电子监察"],
  ]);
  await wb.xlsx.writeFile(file);
}

/** Logs in with a temporary password, is held at the password page, and sets a new one. */
async function firstLogin(page: Page, username: string, temporary: string, next: string): Promise<void> {
  await login(page, hall.url, username, temporary);
  expect(new URL(page.url()).pathname).toBe("/account/password");
  await changeTemporaryPassword(page, temporary, next);
}

async function changeTemporaryPassword(page: Page, temporary: string, next: string): Promise<void> {
  await page.getByRole("heading", { name: "修改密码" }).waitFor();
  await hydrated(page);
  await page.getByLabel("临时密码").fill(temporary);
  await page.getByLabel("新密码", { exact: true }).fill(next);
  await page.getByLabel("再次输入新密码").fill(next);
  await Promise.all([page.waitForURL((u) => u.pathname !== "/account/password"), page.getByRole("button", { name: "保存新密码" }).click()]);
}

describe("going live on a fresh production hall", () => {
  const credentials = new Map<string, string>();

  it("has no demo account; the admin made by create-admin logs in and builds the county from a workbook", async () => {
    const created = spawnSync("node_modules/.bin/tsx", ["scripts/create-admin.ts", "--username", "zx_admin", "--name", "张晓"], {
      env: { ...hall.env, HALL_ADMIN_PASSWORD: ADMIN_PASSWORD },
      encoding: "utf8",
    });
    expect(created.stderr.replace(/npm warn.*\n/g, "")).toBe("");
    expect(created.status).toBe(0);

    const page = await newPage();
    await page.goto(`${hall.url}/login`);
    await hydrated(page);
    await page.getByLabel("账号或手机号码").fill("center");
    await page.getByLabel("密码").fill("Ziyang2026");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByText("账号或密码不正确").first().waitFor();

    await login(page, hall.url, "zx_admin", ADMIN_PASSWORD);
    expect(new URL(page.url()).pathname).toBe("/center");

    // The county first, by hand.
    await page.goto(`${hall.url}/center/org`);
    await hydrated(page);
    await page.getByLabel("区划代码（12 位）").fill("610924000000");
    await page.getByLabel("名称").fill("紫阳县");
    await page.getByLabel("层级").selectOption("county");
    await page.getByLabel("上级区划").selectOption("");
    await page.getByLabel("设有政务大厅或便民服务站").check();
    await page.getByRole("button", { name: "新建" }).click();
    await page.getByText("已保存区划 610924000000").waitFor();

    // Then towns, a village, departments and staff from one workbook.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "go-live-")), "紫阳县区划部门人员.xlsx");
    await directoryWorkbook(file);
    await page.goto(`${hall.url}/center/directory`);
    await hydrated(page);
    await page.getByLabel("Excel 工作簿（.xlsx）").setInputFiles(file);
    await page.getByRole("button", { name: "导入" }).click();
    await page.getByRole("heading", { name: "已导入" }).waitFor();
    await expect(page.getByRole("status").textContent()).resolves.toMatch(/区划：新增 2.*部门：新增 2.*人员：新增 6/);
    const rows = page.getByRole("table", { name: "新账号的临时密码" }).locator("tbody tr");
    expect(await rows.count()).toBe(6);
    for (let i = 0; i < 6; i++) {
      const [username, , password] = await rows.nth(i).locator("td").allTextContents();
      credentials.set(username, password);
    }
    await screenshot(page, "go-live-import-result");

    await page.goto(`${hall.url}/center/org`);
    const village = page.locator("tr", { hasText: "新桥社区" });
    await expect(village.locator("td").nth(2).textContent()).resolves.toBe("村（社区）");
    const tree = await page.locator("table.data tbody tr td:first-child").allTextContents();
    expect(tree).toEqual(["紫阳县", "城关镇", "新桥社区"]);
    await screenshot(page, "go-live-org-tree");

    await page.goto(`${hall.url}/center/staff`);
    const staff = page.locator("table.data tbody tr");
    expect(await staff.count()).toBe(7);
    await expect(page.locator("tr", { hasText: "wj_chen" }).textContent()).resolves.toMatch(/审批人员、部门事项管理员/);
    await screenshot(page, "go-live-staff");
  });

  it("a new department admin must change the temporary password, then opens the studio", async () => {
    const page = await newPage();
    await login(page, hall.url, "sj_admin", credentials.get("sj_admin")!);
    expect(new URL(page.url()).pathname).toBe("/account/password");
    await page.goto(`${hall.url}/studio`);
    expect(new URL(page.url()).pathname).toBe("/account/password");
    await screenshot(page, "go-live-password-change");
    await changeTemporaryPassword(page, credentials.get("sj_admin")!, "Hexiaomei2026");
    expect(new URL(page.url()).pathname).toBe("/studio");
    await page.getByRole("heading", { name: "事项配置 · 紫阳县市场监督管理局" }).waitFor();
  });

  it("a new reviewer sees the workbench; disabling them ends the open session at once", async () => {
    const reviewer = await newPage();
    await firstLogin(reviewer, "sj_li", credentials.get("sj_li")!, "Lixiuying2026");
    expect(new URL(reviewer.url()).pathname).toBe("/workbench");
    await reviewer.getByRole("heading", { name: "审批工作台 · 紫阳县市场监督管理局" }).waitFor();

    const admin = await newPage();
    await login(admin, hall.url, "zx_admin", ADMIN_PASSWORD);
    await admin.goto(`${hall.url}/center/staff/sj_li`);
    await hydrated(admin);
    await admin.getByRole("button", { name: "停用账号" }).click();
    await admin.getByText("已停用，该账号的登录已全部退出").waitFor();

    await reviewer.goto(`${hall.url}/workbench`);
    expect(new URL(reviewer.url()).pathname).toBe("/login");
    await hydrated(reviewer);
    await reviewer.getByLabel("账号或手机号码").fill("sj_li");
    await reviewer.getByLabel("密码").fill("Lixiuying2026");
    await reviewer.getByRole("button", { name: "登录" }).click();
    await reviewer.getByText("账号或密码不正确").first().waitFor();

    await admin.goto(`${hall.url}/center/audit`);
    const audit = await admin.locator("table.data tbody").textContent();
    expect(audit).toMatch(/sj_li.*停用/);
    expect(audit).toMatch(/Excel 导入/);
    expect(audit).toMatch(/命令行 create-admin/);
  });

  it("refuses to start in production without SESSION_SECRET, naming it", async () => {
    const env: NodeJS.ProcessEnv = { ...hall.env, PORT: "0" };
    delete env.SESSION_SECRET;
    const prepare = spawnSync("node_modules/.bin/tsx", ["scripts/prepare.ts"], { env, encoding: "utf8", timeout: 60_000 });
    expect(prepare.status).toBe(1);
    expect(prepare.stderr).toMatch(/SESSION_SECRET：生产模式（HALL_DEMO=off）下必须设置/);

    const server = spawn("node_modules/.bin/remix-serve", ["build/server/index.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    server.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        server.kill("SIGKILL");
        resolve(null);
      }, 20_000);
      server.once("exit", (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/SESSION_SECRET/);
  });
});
