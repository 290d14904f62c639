/**
 * Statistics and electronic supervision (issue #7) on the known demo cases (app/stats/demo-seed.server.ts):
 * every expected number below is worked out by hand from the table in that file and README's demo section.
 */
import ExcelJS from "exceljs";
import { QueryTypes } from "sequelize";
import { beforeAll, describe, expect, it } from "vitest";
import { chinaDate } from "~/calendar/china-time";
import { now as clockNow } from "~/clock.server";
import { Case } from "~/cases/models.server";
import { submitApplication } from "~/cases/submit.server";
import { sequelize } from "~/db/connection.server";
import { isSatisfiedLevel } from "~/evaluation/labels";
import { CaseRating } from "~/evaluation/models.server";
import { User } from "~/identity/models.server";
import { startSession } from "~/identity/session.server";
import { Department, OrgUnit } from "~/org/models.server";
import { loader as caseLoader } from "~/routes/supervision/case";
import { loader as departmentLoader } from "~/routes/supervision/department";
import { loader as exportLoader } from "~/routes/supervision/export";
import { loader as dashboardLoader } from "~/routes/supervision/home";
import { loader as reportLoader } from "~/routes/supervision/report";
import { buildDashboard, COUNTY, SATISFIED_MIN_LEVEL, type Dashboard } from "~/stats/dashboard.server";
import { seedSupervisionDemo } from "~/stats/demo-seed.server";
import { splitPeriod, type Period } from "~/stats/period";
import { refreshRollups } from "~/stats/rollups.server";
import type { StatTable } from "~/stats/tables";
import { freshDatabase, itemByName, userNamed } from "../support/db";
import { ENTERPRISE_OPENING, enterpriseOpeningData, newKey } from "../support/fixtures";

let now: Date;
let today: string;
let period: Period;
let county: Dashboard;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  await freshDatabase();
  now = clockNow();
  today = chinaDate(now);
  expect(await seedSupervisionDemo(now)).toBe(10);
  period = { preset: "custom", from: addDays(today, -90), to: today };
  county = await buildDashboard(period, COUNTY, now);
});

/** The row of a table whose first cell is `name`, as { column: cell }. */
function row(table: StatTable, name: string): Record<string, string | number> {
  const found = table.rows.find((r) => r[0] === name);
  if (!found) throw new Error(`${table.title}: no row ${name} in ${table.rows.map((r) => r[0]).join(", ")}`);
  return Object.fromEntries(table.columns.map((c, i) => [c, found[i]]));
}

async function requestAs(username: string | null, path: string): Promise<Request> {
  if (!username) return new Request(`http://hall.test${path}`);
  const user = (await User.findOne({ where: { username } }))!;
  const cookie = (await startSession(user.id, null)).split(";")[0];
  return new Request(`http://hall.test${path}`, { headers: { Cookie: cookie } });
}

async function status(run: () => Promise<unknown>): Promise<number> {
  try {
    const result = await run();
    return result instanceof Response ? result.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

describe("the four rates and the counts on the known demo cases", () => {
  it("counts cases by status, channel, department, town and month", () => {
    expect(county.totals).toMatchObject({ cases: 10, online: 6, window: 4, completed: 6, running: 2, ended: 2, finished: 6, onTime: 4, ratings: 5, satisfied: 4 });
    const status = county.tables.status;
    expect(row(status, "已办结")).toMatchObject({ 办件数: 6, 占比: "60.0%" });
    expect(row(status, "审查中")).toMatchObject({ 办件数: 2 });
    expect(row(status, "不予受理")).toMatchObject({ 办件数: 1 });
    expect(row(status, "已撤回")).toMatchObject({ 办件数: 1 });
    expect(row(status, "已提交，待受理")).toMatchObject({ 办件数: 0 });
    expect(row(county.tables.channel, "网上申报")).toMatchObject({ 办件数: 6, 占比: "60.0%" });
    expect(row(county.tables.channel, "窗口收件")).toMatchObject({ 办件数: 4, 占比: "40.0%" });

    expect(row(county.tables.department, "紫阳县卫生健康局")).toMatchObject({ 办件总数: 4, 网上申报: 3, 窗口收件: 1, 已办结: 3, 办理中: 1, 不予受理或撤回: 0 });
    expect(row(county.tables.department, "紫阳县住房和城乡建设局")).toMatchObject({ 办件总数: 3, 网上申报: 2, 窗口收件: 1, 已办结: 2, 办理中: 1 });
    expect(county.tables.department.rows).toHaveLength(4); // three departments + 合计
    expect(row(county.tables.item, "80周岁以上高龄老人生活补贴申领")).toMatchObject({ 办件总数: 3, 网上申报: 1, 窗口收件: 2, 已办结: 1, 不予受理或撤回: 2 });
    expect(row(county.tables.town, "紫阳县（县本级）")).toMatchObject({ 办件总数: 7 });
    expect(row(county.tables.town, "城关镇")).toMatchObject({ 办件总数: 3 });
    expect(row(county.tables.month, "合计")).toMatchObject({ 办件总数: 10, 网上申报: 6, 窗口收件: 4 });
    const monthly = county.tables.month.rows.filter((r) => r[0] !== "合计").reduce((s, r) => s + Number(r[1]), 0);
    expect(monthly).toBe(10);
  });

  it("computes 事项进驻率, 网上办理率, 限时办结率 and 服务满意率 per department, per town and county-wide", () => {
    // 15 published items; the 事项清单 sizes in seeds/departments.json add up to 24.
    expect(row(county.tables.ratesDepartment, "合计")).toMatchObject({
      事项进驻率: "62.5%", 已发布事项: 15, 清单事项: 24,
      网上办理率: "60.0%", 网上办件: 6, 全部办件: 10,
      限时办结率: "66.7%", 按时办结: 4, 办结办件: 6,
      服务满意率: "80.0%", 满意评价: 4, 评价总数: 5,
    });
    expect(row(county.tables.ratesDepartment, "紫阳县卫生健康局")).toMatchObject({ 事项进驻率: "50.0%", 网上办理率: "75.0%", 限时办结率: "66.7%", 服务满意率: "66.7%", 评价总数: 3 });
    expect(row(county.tables.ratesDepartment, "紫阳县住房和城乡建设局")).toMatchObject({ 事项进驻率: "100.0%", 网上办理率: "66.7%", 限时办结率: "50.0%", 服务满意率: "100.0%" });
    expect(row(county.tables.ratesDepartment, "紫阳县城关镇人民政府")).toMatchObject({ 事项进驻率: "50.0%", 网上办理率: "33.3%", 限时办结率: "100.0%", 服务满意率: "100.0%" });
    // No cases and no list beyond what is published: "—", never 0 %.
    expect(row(county.tables.ratesDepartment, "紫阳县公安局")).toMatchObject({ 事项进驻率: "100.0%", 网上办理率: "—", 限时办结率: "—", 服务满意率: "—" });
    expect(row(county.tables.ratesDepartment, "紫阳县行政审批服务局")).toMatchObject({ 事项进驻率: "0.0%", 已发布事项: 0, 清单事项: 2 });
    // Towns: the county's own departments published 13 of 21 listed items.
    expect(row(county.tables.ratesTown, "紫阳县（县本级）")).toMatchObject({ 事项进驻率: "61.9%", 网上办理率: "71.4%", 限时办结率: "60.0%", 服务满意率: "75.0%" });
    expect(row(county.tables.ratesTown, "城关镇")).toMatchObject({ 事项进驻率: "50.0%", 网上办理率: "33.3%", 限时办结率: "100.0%", 服务满意率: "100.0%" });
    expect(row(county.tables.ratesTown, "蒿坪镇")).toMatchObject({ 事项进驻率: "100.0%", 网上办理率: "—" });
    expect(county.tables.ratesDepartment.note).toContain("服务满意率 = 基本满意及以上（≥ 3 分）的评价数 ÷ 评价总数");
    expect(isSatisfiedLevel(SATISFIED_MIN_LEVEL) && !isSatisfiedLevel(SATISFIED_MIN_LEVEL - 1)).toBe(true);
  });

  it("lists the overdue case red and the soon-due case yellow, and the overdue 差评 follow-up", () => {
    expect(county.overdue.total).toBe(1);
    expect(county.overdue.cases[0]).toMatchObject({ itemName: "公共场所卫生许可证核发", light: "red", stateCode: "reviewing" });
    expect(county.tables.overdue.rowClasses).toEqual(["overdue"]);
    expect(county.tables.overdue.links?.[0]).toBe(`/supervision/cases/${county.overdue.cases[0].id}`);
    expect(county.soonDue.total).toBe(1);
    expect(county.soonDue.cases[0]).toMatchObject({ itemName: "建筑工程施工许可证核发", light: "yellow" });
    expect(county.followUps).toEqual({ open: 1, overdue: 1 });
    expect(row(county.tables.followUps, "紫阳县卫生健康局")).toMatchObject({ 未办结整改: 1, 超期整改: 1 });
  });

  it("filters to one department or one town", async () => {
    const wsjk = (await Department.findOne({ where: { code: "wsjk" } }))!;
    const d = await buildDashboard(period, { departmentId: wsjk.id, orgUnitId: null }, now);
    expect(d.totals).toMatchObject({ cases: 4, online: 3, finished: 3, onTime: 2, ratings: 3, satisfied: 2 });
    expect(d.totals.rates.settled).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(d.tables.ratesDepartment.rows.map((r) => r[0])).toEqual(["紫阳县卫生健康局", "合计"]);
    expect(d.overdue.total).toBe(1);
    expect(d.soonDue.total).toBe(0);

    const chengguan = (await OrgUnit.findOne({ where: { name: "城关镇" } }))!;
    const t = await buildDashboard(period, { departmentId: null, orgUnitId: chengguan.id }, now);
    expect(t.totals).toMatchObject({ cases: 3, online: 1, window: 2, finished: 1, onTime: 1, ratings: 1, satisfied: 1 });
    expect(t.overdue.total + t.soonDue.total + t.followUps.open).toBe(0);

    // A period before the demo cases: nothing, and rates are "—".
    const empty = await buildDashboard({ preset: "custom", from: addDays(today, -400), to: addDays(today, -200) }, COUNTY, now);
    expect(empty.totals.cases).toBe(0);
    expect(empty.totals.rates.online.percent).toBeNull();
  });

  it("splits a period into whole months and leftover days", () => {
    expect(splitPeriod("2026-01-01", "2026-12-31")).toEqual({ months: ["2026-01", "2026-12"], days: [] });
    expect(splitPeriod("2025-11-27", "2026-11-27")).toEqual({ months: ["2025-12", "2026-10"], days: [["2025-11-27", "2025-11-30"], ["2026-11-01", "2026-11-27"]] });
    expect(splitPeriod("2026-11-03", "2026-11-20")).toEqual({ months: null, days: [["2026-11-03", "2026-11-20"]] });
  });
});

describe("rollups kept current from the timeline", () => {
  async function direct(): Promise<Record<string, number>> {
    const rows = await sequelize.query<{ state: string; n: number }>("SELECT state, COUNT(*) AS n FROM cases GROUP BY state", { type: QueryTypes.SELECT });
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }
  async function rolled(table: "stat_case_days" | "stat_case_months"): Promise<Record<string, number>> {
    const rows = await sequelize.query<{ state: string; n: number }>(`SELECT state, SUM(cases) AS n FROM ${table} GROUP BY state HAVING SUM(cases) <> 0`, { type: QueryTypes.SELECT });
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }
  async function finished(): Promise<number> {
    const row = await sequelize.query<{ n: number }>("SELECT SUM(finished) AS n FROM stat_finish_months", { type: QueryTypes.SELECT, plain: true });
    return Number(row?.n ?? 0);
  }

  it("picks up new cases incrementally, exactly once under two concurrent refreshes, and is idempotent", async () => {
    const item = await itemByName(ENTERPRISE_OPENING);
    const citizen = await userNamed("13912345678");
    for (let i = 0; i < 3; i++) {
      const result = await submitApplication({ user: citizen, itemId: item.id, versionId: item.publishedVersionId!, formData: enterpriseOpeningData(), submissionKey: newKey() });
      if ("errors" in result) throw new Error(JSON.stringify(result.errors));
    }
    // Not yet folded in: the dashboard still shows the ten demo cases.
    expect((await buildDashboard(period, COUNTY, now)).totals.cases).toBe(10);

    const [a, b] = await Promise.all([refreshRollups(new Date(), { settleMs: 0, batchSize: 2 }), refreshRollups(new Date(), { settleMs: 0, batchSize: 2 })]);
    expect(a.events + b.events).toBe(3); // three submit events, each folded in by exactly one of the two
    expect(a.ratings + b.ratings).toBe(0);
    expect(await rolled("stat_case_days")).toEqual(await direct());
    expect(await rolled("stat_case_months")).toEqual(await direct());
    const after = await buildDashboard({ ...period, to: chinaDate(new Date()) }, COUNTY, new Date());
    expect(after.totals.cases).toBe(13);
    expect(row(after.tables.status, "已提交，待受理")).toMatchObject({ 办件数: 3 });

    // A state change moves the case between buckets (the case row is the truth, the event the signal).
    const moved = (await Case.findOne({ where: { state: "submitted" } }))!;
    await sequelize.transaction(async (t) => {
      await moved.update({ state: "withdrawn", completedAt: new Date() }, { transaction: t });
      await sequelize.query("INSERT INTO case_events (case_id, type, actor_id, actor_name, department_id, from_state, to_state, note, created_at) VALUES (?, 'withdraw', NULL, '测试', NULL, 'submitted', 'withdrawn', NULL, ?)", {
        replacements: [moved.id, new Date()],
        transaction: t,
      });
    });
    await refreshRollups(new Date(), { settleMs: 0 });
    expect(await rolled("stat_case_days")).toEqual(await direct());

    // A new rating (immutable) is folded in once, even by two refreshes at the same time.
    const unrated = (await Case.findOne({ where: { state: "completed", submissionKey: "demo-supervision-6" } }))!;
    await CaseRating.create({ caseId: unrated.id, applicantId: unrated.applicantId, departmentId: unrated.leadDepartmentId, itemId: unrated.itemId, level: 1, efficiency: 1, guideAccuracy: 1, convenience: 1, usability: 1, comment: null, reasonCategory: "overdue", reason: "超期", createdAt: new Date() });
    const [c, d] = await Promise.all([refreshRollups(new Date(), { settleMs: 0 }), refreshRollups(new Date(), { settleMs: 0 })]);
    expect(c.ratings + d.ratings).toBe(1);
    const rated = await buildDashboard({ ...period, to: chinaDate(new Date()) }, COUNTY, new Date());
    expect(rated.totals.rates.satisfaction).toEqual({ numerator: 4, denominator: 6, percent: 66.7 });

    // Replaying the whole timeline changes nothing: each case is counted by its current state once.
    const finishedBefore = await finished();
    await sequelize.query("UPDATE stat_watermarks SET last_event_id = 0 WHERE name = 'case_events'");
    const replay = await refreshRollups(new Date(), { settleMs: 0 });
    expect(replay.events).toBeGreaterThan(30);
    expect(await rolled("stat_case_days")).toEqual(await direct());
    expect(await finished()).toBe(finishedBefore);
    expect(finishedBefore).toBe(6);
  });

  it("seeds the demo cases only into a database without cases", async () => {
    expect(await seedSupervisionDemo()).toBe(0);
    expect(await Case.count({ where: { applicantId: (await User.findOne({ where: { username: "demo_zhaoming" } }))!.id } })).toBe(10);
  });
});

describe("who may see the statistics", () => {
  it("lets supervisors and the center see the dashboard; citizens, reviewers and department staff get 403; anonymous users go to login", async () => {
    const url = "/supervision";
    expect(await status(async () => dashboardLoader(args(await requestAs("supervisor", url))))).toBe(200);
    expect(await status(async () => dashboardLoader(args(await requestAs("center", url))))).toBe(200);
    expect(await status(async () => dashboardLoader(args(await requestAs("13912345678", url))))).toBe(403);
    expect(await status(async () => dashboardLoader(args(await requestAs("reviewer_wsjk", url))))).toBe(403);
    expect(await status(async () => dashboardLoader(args(await requestAs("scjg_admin", url))))).toBe(403);
    expect(await status(async () => dashboardLoader(args(await requestAs(null, url))))).toBe(302);
  });

  it("lets department staff see their own department's scorecard, report and exports, never another department's", async () => {
    const card = (user: string, code: string) => async () => departmentLoader(args(await requestAs(user, `/supervision/departments/${code}`), { code }));
    expect(await status(card("reviewer_wsjk", "wsjk"))).toBe(200);
    expect(await status(card("reviewer_wsjk", "zjj"))).toBe(403);
    expect(await status(card("scjg_admin", "scjg"))).toBe(200);
    expect(await status(card("scjg_admin", "wsjk"))).toBe(403);
    expect(await status(card("13912345678", "wsjk"))).toBe(403);
    expect(await status(card("supervisor", "zjj"))).toBe(200);
    expect(await status(card("supervisor", "nope"))).toBe(404);

    const overdueId = String(county.overdue.cases[0].id);
    const caseView = (user: string) => async () => caseLoader(args(await requestAs(user, `/supervision/cases/${overdueId}`), { caseId: overdueId }));
    expect(await status(caseView("supervisor"))).toBe(200);
    expect(await status(caseView("reviewer_wsjk"))).toBe(200);
    expect(await status(caseView("reviewer_zjj"))).toBe(404);
    expect(await status(caseView("13912345678"))).toBe(403);

    const report = (user: string, code: string) => async () => reportLoader(args(await requestAs(user, `/supervision/departments/${code}/report?month=${today.slice(0, 7)}`), { code }));
    expect(await status(report("reviewer_zjj", "wsjk"))).toBe(403);
    expect(await status(report("reviewer_wsjk", "wsjk"))).toBe(200);

    const exported = (user: string, query: string) => async () => exportLoader(args(await requestAs(user, `/supervision/export?table=item&format=csv&${query}`)));
    expect(await status(exported("reviewer_wsjk", "department=wsjk"))).toBe(200);
    expect(await status(exported("reviewer_wsjk", "department=zjj"))).toBe(403);
    expect(await status(exported("reviewer_wsjk", ""))).toBe(403);
    expect(await status(exported("supervisor", ""))).toBe(200);
  });
});

describe("exports and the monthly report", () => {
  const query = () => `from=${period.from}&to=${period.to}`;

  it("writes the same cells to .xlsx and to CSV (UTF-8 with BOM) as the table on the page", async () => {
    // Earlier tests added cases: compare with the table as the page would show it now.
    const table = (await buildDashboard(period, COUNTY, clockNow())).tables.ratesDepartment;
    expect(row(table, "合计")).toMatchObject({ 全部办件: 13 });
    const xlsx = await exportLoader(args(await requestAs("supervisor", `/supervision/export?table=ratesDepartment&format=xlsx&${query()}`)));
    expect(xlsx.headers.get("Content-Type")).toContain("spreadsheetml");
    expect(decodeURIComponent(xlsx.headers.get("Content-Disposition")!)).toContain("四率-按部门");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0];
    const values: unknown[][] = [];
    sheet.eachRow((r) => values.push((r.values as unknown[]).slice(1)));
    const header = values.findIndex((r) => r[0] === "部门");
    expect(values[header]).toEqual(table.columns);
    expect(values.slice(header + 1)).toEqual(table.rows);
    expect(String(values[1][0])).toContain(`${period.from} 至 ${period.to}`);

    const csv = await exportLoader(args(await requestAs("supervisor", `/supervision/export?table=ratesDepartment&format=csv&${query()}`)));
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
    expect(lines[0]).toBe(table.columns.join(","));
    expect(lines.slice(1)).toEqual(table.rows.map((r) => r.join(",")));

    expect(await status(async () => exportLoader(args(await requestAs("supervisor", "/supervision/export?table=nope&format=csv"))))).toBe(404);
    expect(await status(async () => exportLoader(args(await requestAs("supervisor", "/supervision/export?table=item&format=pdf"))))).toBe(400);
  });

  it("renders a department's printable monthly report with its rates and its overdue case", async () => {
    const month = county.overdue.cases[0].submittedAt.slice(0, 7);
    const response = await reportLoader(args(await requestAs("supervisor", `/supervision/departments/wsjk/report?month=${month}`), { code: "wsjk" }));
    const html = await response.text();
    expect(html).toContain("政务服务电子监察月报");
    expect(html).toContain("紫阳县卫生健康局");
    expect(html).toContain("已在大厅发布的事项数 ÷ 部门事项清单事项数");
    expect(html).toContain("<td class=\"num\">50.0%</td>");
    expect(html).toContain(county.overdue.cases[0].shortNumber);
    expect(await status(async () => reportLoader(args(await requestAs("supervisor", "/supervision/departments/wsjk/report?month=2026-13"), { code: "wsjk" })))).toBe(400);
  });
});
