/**
 * Issue #7, done when: in Chromium, the supervisor opens the dashboard on the seeded demo cases (known counts,
 * app/stats/demo-seed.server.ts and README), sees the expected numbers and rates, the overdue case listed red,
 * downloads the .xlsx of the rates table and finds in it exactly the table on the page; the charts arrive after
 * the numbers; on a phone the page does not overflow (tables scroll in their own wrapper).
 */
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./axe";
import { hydrated, launchChromium, login, screenshot, SCREENSHOT_DIR } from "./browser";
import { startHall, type RunningHall } from "./server";

let hall: RunningHall;
let browser: Browser;
const contexts: BrowserContext[] = [];

const chinaToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const today = chinaToday();
const from = addDays(today, -90);

beforeAll(async () => {
  hall = await startHall("supervision");
  browser = await launchChromium();
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await hall?.stop();
});

async function supervisorPage(width = 1280, height = 900): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: "zh-CN", acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  await login(page, hall.url, "supervisor");
  return page;
}

/** The cells of a dashboard table on the page: header row, then body rows, as text. */
async function tableOnPage(page: Page, key: string): Promise<string[][]> {
  return page.locator(`#table-${key} tr`).evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => (c.textContent ?? "").trim())));
}

describe("electronic supervision dashboard", () => {
  it("shows the expected counts and rates for the chosen period, and the overdue case red", async () => {
    const page = await supervisorPage();
    expect(new URL(page.url()).pathname).toBe("/supervision");
    await hydrated(page);
    await page.getByLabel("统计期间", { exact: true }).selectOption("custom");
    await page.getByLabel("开始日期（自定义）").fill(from);
    await page.getByLabel("结束日期（自定义）").fill(today);
    await Promise.all([page.waitForURL(/from=/), page.getByRole("button", { name: "查询" }).click()]);
    await page.getByText(`${from} 至 ${today}（自定义）`).waitFor();

    const kpi = async (key: string) => (await page.getByTestId(`kpi-${key}`).locator(".value").innerText()).trim();
    expect(await kpi("cases")).toBe("10");
    expect(await kpi("settled")).toBe("62.5%");
    expect(await kpi("online")).toBe("60.0%");
    expect(await kpi("onTime")).toBe("66.7%");
    expect(await kpi("satisfaction")).toBe("80.0%");
    expect(await kpi("overdue")).toBe("1");
    expect(await kpi("soonDue")).toBe("1");
    expect(await kpi("followUps")).toBe("1");
    await page.getByText("服务满意率 = 基本满意及以上（≥ 3 分）的评价数 ÷ 评价总数").first().waitFor({ state: "attached" });

    const rates = await tableOnPage(page, "ratesDepartment");
    expect(rates[0].slice(0, 5)).toEqual(["部门", "事项进驻率", "已发布事项", "清单事项", "网上办理率"]);
    const health = rates.find((r) => r[0] === "紫阳县卫生健康局")!;
    expect([health[1], health[4], health[7], health[10]]).toEqual(["50.0%", "75.0%", "66.7%", "66.7%"]);
    expect(rates.find((r) => r[0] === "合计")!.slice(1)).toEqual(["62.5%", "15", "24", "60.0%", "6", "10", "66.7%", "4", "6", "80.0%", "4", "5"]);
    const towns = await tableOnPage(page, "ratesTown");
    expect(towns.find((r) => r[0] === "城关镇")!.slice(4, 7)).toEqual(["33.3%", "1", "3"]);
    const status = await tableOnPage(page, "status");
    expect(status.find((r) => r[0] === "已办结")!.slice(1)).toEqual(["6", "60.0%"]);

    // The overdue case: red row, 已超期, linking to the workbench case.
    const red = page.locator('#table-overdue tr[data-light="red"]');
    expect(await red.count()).toBe(1);
    expect(await red.innerText()).toContain("公共场所卫生许可证核发");
    expect(await red.innerText()).toContain("已超期");
    expect(await red.getAttribute("class")).toBe("overdue");
    expect(await red.evaluate((el) => getComputedStyle(el.querySelector("td")!).color)).toBe("rgb(196, 22, 28)");
    expect(await red.getByRole("link").getAttribute("href")).toMatch(/^\/supervision\/cases\/\d+$/);
    expect(await page.locator('#table-soonDue tr[data-light="yellow"]').count()).toBe(1);

    // Charts come after the numbers, from a lazily loaded chunk.
    await page.locator('[data-chart="trend"] canvas').waitFor({ timeout: 20_000 });
    await screenshot(page, "supervision-01-dashboard");

    // The downloaded workbook holds exactly the table on the page.
    const section = page.locator('section[data-table="ratesDepartment"]');
    const [download] = await Promise.all([page.waitForEvent("download"), section.getByRole("link", { name: "导出 Excel（.xlsx）" }).click()]);
    expect(download.suggestedFilename()).toBe(`四率-按部门-${from}至${today}.xlsx`);
    const file = path.join(SCREENSHOT_DIR, "supervision-rates.xlsx");
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    const values: string[][] = [];
    sheet.eachRow((r) => values.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
    const header = values.findIndex((r) => r[0] === "部门");
    expect(header).toBeGreaterThan(0);
    expect(values.slice(header)).toEqual(rates);
    expect(values[1][0]).toContain(`${from} 至 ${today}`);

    expect(await seriousViolations(page)).toEqual([]);

    // The red case opens read-only, with its light and timeline.
    await Promise.all([page.waitForURL(/\/supervision\/cases\/\d+$/), red.getByRole("link").click()]);
    await page.getByTestId("case-state").filter({ hasText: "审查中" }).waitFor();
    expect(await page.locator('[data-light="red"]').innerText()).toContain("已超期");
    expect(await page.getByRole("list", { name: "办理过程" }).innerText()).toContain("受理");
  });

  it("opens a department's scorecard and its printable monthly report", async () => {
    const page = await supervisorPage();
    await page.goto(`${hall.url}/supervision/departments/wsjk?from=${from}&to=${today}`);
    await page.getByRole("heading", { name: "紫阳县卫生健康局 · 监察评分卡" }).waitFor();
    expect(await page.getByTestId("rate-online").locator(".value").innerText()).toBe("75.0%");
    expect(await page.getByTestId("rate-satisfaction").locator(".value").innerText()).toBe("66.7%");
    await page.goto(`${hall.url}/supervision/departments/wsjk/report?month=${today.slice(0, 7)}`);
    await page.getByRole("heading", { name: "政务服务电子监察月报" }).waitFor();
    expect(await page.locator("body").innerText()).toContain("紫阳县卫生健康局");
    await screenshot(page, "supervision-02-monthly-report");
  });

  it("fits a phone: the page does not overflow, wide tables scroll inside their wrapper", async () => {
    const page = await supervisorPage(375, 740);
    await page.goto(`${hall.url}/supervision?from=${from}&to=${today}`);
    await hydrated(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(376);
    const wrapper = page.locator('section[data-table="ratesDepartment"] .table-scroll');
    expect(await wrapper.evaluate((el) => el.scrollWidth > el.clientWidth && getComputedStyle(el).overflowX === "auto")).toBe(true);
    await screenshot(page, "supervision-03-phone");
  });
});
