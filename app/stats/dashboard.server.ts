/**
 * The supervision dashboard's queries and tables. Counts come from the daily rollups (rollups.server.ts), the
 * red and yellow lists straight from indexed case queries with a LIMIT, ratings and follow-ups from their own
 * (indexed, much smaller) tables. Each query is a named function so `npm run bench:stats` can time it alone.
 */
import { Op, QueryTypes } from "sequelize";
import { chinaDate } from "~/calendar/china-time";
import { loadCalendar } from "~/calendar/service.server";
import { addWorkingDays } from "~/calendar/workdays";
import { CASE_STATE_LABELS, CASE_STATES, CLOCK_RUNNING_STATES, type CaseState } from "~/cases/lifecycle";
import { Case } from "~/cases/models.server";
import { summaries, type CaseSummary } from "~/cases/queries.server";
import { ServiceItem } from "~/catalog/models.server";
import { sequelize } from "~/db/connection.server";
import { Department, OrgUnit } from "~/org/models.server";
import { formatRate, rate, RATE_FORMULAS, splitPeriod, type Period, type Rate } from "./period";
import type { Cell, StatTable } from "./tables";

/** County-wide, or one department, or one town (org unit). */
export interface Scope {
  departmentId: number | null;
  orgUnitId: number | null;
}

export const COUNTY: Scope = { departmentId: null, orgUnitId: null };

export { SATISFIED_MIN_LEVEL } from "./satisfaction";
export const CHANNEL_LABELS: Record<string, string> = { online: "网上申报", window: "窗口收件" };
const LIST_LIMIT = 20;
/** Yellow can mean up to a third of a long clock: candidates due within this many working days are checked. */
const SOON_WINDOW_WORKING_DAYS = 10;
const SOON_CANDIDATES = 100;

function scopeSql(scope: Scope, alias = ""): { sql: string; replacements: number[] } {
  const parts: string[] = [];
  const replacements: number[] = [];
  if (scope.departmentId != null) {
    parts.push(`${alias}department_id = ?`);
    replacements.push(scope.departmentId);
  }
  if (scope.orgUnitId != null) {
    parts.push(`${alias}org_unit_id = ?`);
    replacements.push(scope.orgUnitId);
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(""), replacements };
}

const num = (v: unknown) => Number(v ?? 0);

/**
 * Rows of a rollup for the period: whole months from the monthly table, partial months from the daily one.
 * `columns(period)` lists the selected columns given the table's period column ("month" or "day").
 */
function rollupRows(kind: "case" | "finish" | "rating", period: Period, scope: Scope, columns: (grain: "month" | "day") => string): { sql: string; replacements: unknown[] } {
  const split = splitPeriod(period.from, period.to);
  const s = scopeSql(scope);
  const parts: string[] = [];
  const replacements: unknown[] = [];
  if (split.months) {
    parts.push(`SELECT ${columns("month")} FROM stat_${kind}_months WHERE month >= ? AND month <= ?${s.sql}`);
    replacements.push(...split.months, ...s.replacements);
  }
  for (const [from, to] of split.days) {
    parts.push(`SELECT ${columns("day")} FROM stat_${kind}_days WHERE day >= ? AND day <= ?${s.sql}`);
    replacements.push(from, to, ...s.replacements);
  }
  return { sql: `(${parts.join(" UNION ALL ")}) r`, replacements };
}

export interface CubeRow {
  itemId: number;
  departmentId: number;
  orgUnitId: number;
  channel: string;
  state: CaseState;
  cases: number;
}

/** Cases submitted in the period by item, department, town, channel and current state (one rollup scan). */
export async function queryCaseCube(period: Period, scope: Scope): Promise<CubeRow[]> {
  const from = rollupRows("case", period, scope, () => "item_id, department_id, org_unit_id, channel, state, cases");
  const rows = await sequelize.query<Record<string, unknown>>(
    `SELECT item_id, department_id, org_unit_id, channel, state, SUM(cases) AS n FROM ${from.sql} GROUP BY item_id, department_id, org_unit_id, channel, state`,
    { replacements: from.replacements, type: QueryTypes.SELECT },
  );
  return rows
    .map((r) => ({ itemId: num(r.item_id), departmentId: num(r.department_id), orgUnitId: num(r.org_unit_id), channel: String(r.channel), state: r.state as CaseState, cases: num(r.n) }))
    .filter((r) => r.cases !== 0);
}

/** Cases submitted per month and channel (the trend). */
export async function queryTrend(period: Period, scope: Scope): Promise<Array<{ month: string; channel: string; cases: number }>> {
  const from = rollupRows("case", period, scope, (grain) => `${grain === "month" ? "month" : "SUBSTR(day, 1, 7)"} AS month, channel, cases`);
  const rows = await sequelize.query<Record<string, unknown>>(`SELECT month, channel, SUM(cases) AS n FROM ${from.sql} GROUP BY month, channel`, {
    replacements: from.replacements,
    type: QueryTypes.SELECT,
  });
  return rows.map((r) => ({ month: String(r.month), channel: String(r.channel), cases: num(r.n) }));
}

export interface FinishRow {
  itemId: number;
  departmentId: number;
  orgUnitId: number;
  finished: number;
  onTime: number;
}

/** Cases completed in the period, and completed by their promised date. */
export async function queryFinished(period: Period, scope: Scope): Promise<FinishRow[]> {
  const from = rollupRows("finish", period, scope, () => "item_id, department_id, org_unit_id, finished, on_time");
  const rows = await sequelize.query<Record<string, unknown>>(
    `SELECT item_id, department_id, org_unit_id, SUM(finished) AS finished, SUM(on_time) AS on_time FROM ${from.sql} GROUP BY item_id, department_id, org_unit_id`,
    { replacements: from.replacements, type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({ itemId: num(r.item_id), departmentId: num(r.department_id), orgUnitId: num(r.org_unit_id), finished: num(r.finished), onTime: num(r.on_time) }));
}

/** Ratings given in the period, and how many of them satisfied (≥ 3), by department, town and item. */
export async function queryRatings(period: Period, scope: Scope): Promise<Array<{ itemId: number; departmentId: number; orgUnitId: number; ratings: number; satisfied: number }>> {
  const from = rollupRows("rating", period, scope, () => "item_id, department_id, org_unit_id, ratings, satisfied");
  const rows = await sequelize.query<Record<string, unknown>>(
    `SELECT item_id, department_id, org_unit_id, SUM(ratings) AS n, SUM(satisfied) AS ok FROM ${from.sql} GROUP BY item_id, department_id, org_unit_id`,
    { replacements: from.replacements, type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({ itemId: num(r.item_id), departmentId: num(r.department_id), orgUnitId: num(r.org_unit_id), ratings: num(r.n), satisfied: num(r.ok) }));
}

export interface Catalog {
  departments: Array<{ id: number; code: string; name: string; orgUnitId: number; itemListCount: number | null; published: number }>;
  units: Array<{ id: number; code: string; name: string; level: string }>;
  items: Map<number, { name: string; departmentId: number; orgUnitId: number }>;
}

/** Departments with their 事项清单 size and published items, org units (county + towns), item names. */
export async function queryCatalog(): Promise<Catalog> {
  const [departments, units, items] = await Promise.all([
    Department.findAll({ order: [["id", "ASC"]] }),
    OrgUnit.findAll({ where: { level: ["county", "town"] }, order: [["id", "ASC"]] }),
    ServiceItem.findAll({ attributes: ["id", "name", "departmentId", "orgUnitId", "publishedVersionId"], order: [["id", "ASC"]] }),
  ]);
  const published = new Map<number, number>();
  for (const item of items) if (item.publishedVersionId != null) published.set(item.departmentId, (published.get(item.departmentId) ?? 0) + 1);
  return {
    departments: departments.map((d) => ({ id: d.id, code: d.code, name: d.name, orgUnitId: d.orgUnitId, itemListCount: d.itemListCount ?? null, published: published.get(d.id) ?? 0 })),
    units: units.map((u) => ({ id: u.id, code: u.code, name: u.level === "county" ? `${u.name}（县本级）` : u.name, level: u.level })),
    items: new Map(items.map((i) => [i.id, { name: i.name, departmentId: i.departmentId, orgUnitId: i.orgUnitId }])),
  };
}

function caseScope(scope: Scope) {
  return {
    ...(scope.departmentId != null ? { leadDepartmentId: scope.departmentId } : {}),
    ...(scope.orgUnitId != null ? { orgUnitId: scope.orgUnitId } : {}),
  };
}

export interface LiveList {
  total: number;
  cases: Array<CaseSummary & { departmentId: number; stateCode: CaseState }>;
}

/** Running cases past their promised date (red), oldest due first; the total counts them all. */
export async function queryOverdue(scope: Scope, now: Date, limit = LIST_LIMIT): Promise<LiveList> {
  const where = { ...caseScope(scope), state: [...CLOCK_RUNNING_STATES], dueDate: { [Op.lt]: chinaDate(now) } };
  const [total, rows] = await Promise.all([Case.count({ where }), Case.findAll({ where, order: [["dueDate", "ASC"], ["id", "ASC"]], limit })]);
  const list = await summaries(rows, now);
  return { total, cases: list.map((c, i) => ({ ...c, departmentId: rows[i].leadDepartmentId, stateCode: rows[i].state })) };
}

/** Running cases whose clock shows yellow (即将到期), soonest first; counted among the next working days' candidates. */
export async function querySoonDue(scope: Scope, now: Date, limit = LIST_LIMIT): Promise<LiveList> {
  const today = chinaDate(now);
  const horizon = addWorkingDays(today, SOON_WINDOW_WORKING_DAYS, await loadCalendar());
  const rows = await Case.findAll({
    where: { ...caseScope(scope), state: [...CLOCK_RUNNING_STATES], dueDate: { [Op.gte]: today, [Op.lte]: horizon } },
    order: [["dueDate", "ASC"], ["id", "ASC"]],
    limit: SOON_CANDIDATES,
  });
  const list = (await summaries(rows, now)).map((c, i) => ({ ...c, departmentId: rows[i].leadDepartmentId, stateCode: rows[i].state })).filter((c) => c.light === "yellow");
  return { total: list.length, cases: list.slice(0, limit) };
}

/** 差评 follow-ups not yet resolved, and those past their deadline, per department (live, not by period). */
export async function queryFollowUps(scope: Scope, now: Date, departmentIds: number[] | null): Promise<Array<{ departmentId: number; open: number; overdue: number }>> {
  const replacements: unknown[] = [chinaDate(now)];
  let where = "";
  if (scope.departmentId != null) {
    where = " AND department_id = ?";
    replacements.push(scope.departmentId);
  } else if (departmentIds) {
    if (!departmentIds.length) return [];
    where = ` AND department_id IN (${departmentIds.map(() => "?").join(",")})`;
    replacements.push(...departmentIds);
  }
  const rows = await sequelize.query<Record<string, unknown>>(
    `SELECT department_id, COUNT(*) AS open, SUM(CASE WHEN deadline < ? THEN 1 ELSE 0 END) AS overdue FROM rating_follow_ups
     WHERE state <> 'resolved'${where} GROUP BY department_id`,
    { replacements, type: QueryTypes.SELECT },
  );
  return rows.map((r) => ({ departmentId: num(r.department_id), open: num(r.open), overdue: num(r.overdue) }));
}

// ---------------------------------------------------------------------------------------------------------
// Tables

export interface RateSet {
  settled: Rate;
  online: Rate;
  onTime: Rate;
  satisfaction: Rate;
}

interface Tally {
  cases: number;
  online: number;
  window: number;
  completed: number;
  running: number;
  ended: number;
  finished: number;
  onTime: number;
  ratings: number;
  satisfied: number;
}

const emptyTally = (): Tally => ({ cases: 0, online: 0, window: 0, completed: 0, running: 0, ended: 0, finished: 0, onTime: 0, ratings: 0, satisfied: 0 });

function tallyBy<K>(keys: (row: { itemId: number; departmentId: number; orgUnitId: number }) => K, cube: CubeRow[], finished: FinishRow[], ratings: Awaited<ReturnType<typeof queryRatings>>) {
  const map = new Map<K, Tally>();
  const get = (k: K) => map.get(k) ?? map.set(k, emptyTally()).get(k)!;
  for (const r of cube) {
    const t = get(keys(r));
    t.cases += r.cases;
    if (r.channel === "online") t.online += r.cases;
    else t.window += r.cases;
    if (r.state === "completed") t.completed += r.cases;
    else if (r.state === "not_accepted" || r.state === "withdrawn") t.ended += r.cases;
    else t.running += r.cases;
  }
  for (const r of finished) {
    const t = get(keys(r));
    t.finished += r.finished;
    t.onTime += r.onTime;
  }
  for (const r of ratings) {
    const t = get(keys(r));
    t.ratings += r.ratings;
    t.satisfied += r.satisfied;
  }
  return map;
}

function sumTallies(tallies: Tally[]): Tally {
  const total = emptyTally();
  for (const t of tallies) for (const k of Object.keys(total) as Array<keyof Tally>) total[k] += t[k];
  return total;
}

function rates(t: Tally, published: number, listed: number): RateSet {
  return { settled: rate(published, listed), online: rate(t.online, t.cases), onTime: rate(t.onTime, t.finished), satisfaction: rate(t.satisfied, t.ratings) };
}

const RATE_COLUMNS = ["事项进驻率", "已发布事项", "清单事项", "网上办理率", "网上办件", "全部办件", "限时办结率", "按时办结", "办结办件", "服务满意率", "满意评价", "评价总数"];
const rateCells = (r: RateSet): Cell[] => [
  formatRate(r.settled), r.settled.numerator, r.settled.denominator,
  formatRate(r.online), r.online.numerator, r.online.denominator,
  formatRate(r.onTime), r.onTime.numerator, r.onTime.denominator,
  formatRate(r.satisfaction), r.satisfaction.numerator, r.satisfaction.denominator,
];
const RATE_NOTE = Object.values(RATE_FORMULAS).map((f) => f.formula).join("；");
const COUNT_COLUMNS = ["办件总数", "网上申报", "窗口收件", "已办结", "办理中", "不予受理或撤回"];
const countCells = (t: Tally): Cell[] => [t.cases, t.online, t.window, t.completed, t.running, t.ended];

const share = (part: number, whole: number) => formatRate(rate(part, whole));

function monthsOf(period: Period): string[] {
  const months: string[] = [];
  let [y, m] = period.from.slice(0, 7).split("-").map(Number);
  const last = period.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    months.push(key);
    if (key >= last || months.length > 48) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return months;
}

function listTable(key: string, title: string, list: LiveList, departmentName: (id: number) => string, note: string): StatTable {
  return {
    key,
    title,
    note,
    columns: ["办件编号", "事项", "牵头部门", "申请人", "状态", "承诺办结日期", "时限"],
    rows: list.cases.map((c) => [c.shortNumber, c.itemName, departmentName(c.departmentId), c.applicantName, c.stateLabel, c.dueDate, c.lightLabel]),
    links: list.cases.map((c) => `/supervision/cases/${c.id}`),
    rowClasses: list.cases.map((c) => (c.light === "red" ? "overdue" : c.light === "yellow" ? "soon" : null)),
  };
}

export interface Dashboard {
  period: Period;
  totals: Tally & { rates: RateSet };
  tables: Record<string, StatTable>;
  trend: Array<{ month: string; online: number; window: number }>;
  overdue: LiveList;
  soonDue: LiveList;
  followUps: { open: number; overdue: number };
}

/** Everything the dashboard (or a department's scorecard, with a department scope) shows. */
export async function buildDashboard(period: Period, scope: Scope, now: Date): Promise<Dashboard> {
  const catalog = await queryCatalog();
  const inScopeDepartments = catalog.departments.filter(
    (d) => (scope.departmentId == null || d.id === scope.departmentId) && (scope.orgUnitId == null || d.orgUnitId === scope.orgUnitId),
  );
  const [cube, trendRows, finished, ratings, overdue, soonDue, followUps] = await Promise.all([
    queryCaseCube(period, scope),
    queryTrend(period, scope),
    queryFinished(period, scope),
    queryRatings(period, scope),
    queryOverdue(scope, now),
    querySoonDue(scope, now),
    queryFollowUps(scope, now, scope.orgUnitId != null ? inScopeDepartments.map((d) => d.id) : null),
  ]);
  const departmentName = (id: number) => catalog.departments.find((d) => d.id === id)?.name ?? `部门 ${id}`;

  const total = sumTallies([...tallyBy(() => 0, cube, finished, ratings).values()]);
  const published = inScopeDepartments.reduce((s, d) => s + d.published, 0);
  const listed = inScopeDepartments.reduce((s, d) => s + (d.itemListCount ?? d.published), 0);
  const totalRates = rates(total, published, listed);

  const tables: Record<string, StatTable> = {};
  const byState = new Map<string, number>();
  for (const r of cube) byState.set(r.state, (byState.get(r.state) ?? 0) + r.cases);
  tables.status = {
    key: "status",
    title: "办件统计-按状态",
    note: "统计期间内申报的办件，按当前状态。",
    columns: ["办件状态", "办件数", "占比"],
    rows: [...CASE_STATES.map((s) => [CASE_STATE_LABELS[s], byState.get(s) ?? 0, share(byState.get(s) ?? 0, total.cases)]), ["合计", total.cases, total.cases ? "100.0%" : "—"]],
  };

  const byDepartment = tallyBy((r) => r.departmentId, cube, finished, ratings);
  const departmentRows = catalog.departments.filter((d) => (byDepartment.get(d.id)?.cases ?? 0) > 0);
  tables.department = {
    key: "department",
    title: "办件统计-按部门",
    columns: ["部门", ...COUNT_COLUMNS],
    rows: [...departmentRows.map((d) => [d.name, ...countCells(byDepartment.get(d.id)!)]), ["合计", ...countCells(total)]],
    links: [...departmentRows.map((d) => `/supervision/departments/${d.code}`), null],
  };

  const byItem = tallyBy((r) => r.itemId, cube, finished, ratings);
  const itemRows = [...catalog.items].filter(([id]) => (byItem.get(id)?.cases ?? 0) > 0);
  tables.item = {
    key: "item",
    title: "办件统计-按事项",
    columns: ["事项", "牵头部门", ...COUNT_COLUMNS],
    rows: [...itemRows.map(([id, item]) => [item.name, departmentName(item.departmentId), ...countCells(byItem.get(id)!)]), ["合计", "", ...countCells(total)]],
  };

  const byTown = tallyBy((r) => r.orgUnitId, cube, finished, ratings);
  const townRows = catalog.units.filter((u) => (byTown.get(u.id)?.cases ?? 0) > 0);
  tables.town = {
    key: "town",
    title: "办件统计-按镇",
    note: "按办理地：县本级大厅或镇便民服务中心（分厅）。",
    columns: ["办理地", ...COUNT_COLUMNS],
    rows: [...townRows.map((u) => [u.name, ...countCells(byTown.get(u.id)!)]), ["合计", ...countCells(total)]],
  };

  tables.channel = {
    key: "channel",
    title: "办件统计-按渠道",
    columns: ["渠道", "办件数", "占比"],
    rows: [
      [CHANNEL_LABELS.online, total.online, share(total.online, total.cases)],
      [CHANNEL_LABELS.window, total.window, share(total.window, total.cases)],
      ["合计", total.cases, total.cases ? "100.0%" : "—"],
    ],
  };

  const trendMap = new Map<string, { online: number; window: number }>();
  for (const r of trendRows) {
    const t = trendMap.get(r.month) ?? { online: 0, window: 0 };
    if (r.channel === "online") t.online += r.cases;
    else t.window += r.cases;
    trendMap.set(r.month, t);
  }
  const trend = monthsOf(period).map((month) => ({ month, ...(trendMap.get(month) ?? { online: 0, window: 0 }) }));
  tables.month = {
    key: "month",
    title: "办件统计-按月",
    columns: ["月份", "办件总数", "网上申报", "窗口收件"],
    rows: [...trend.map((t) => [t.month, t.online + t.window, t.online, t.window]), ["合计", total.cases, total.online, total.window]],
  };

  const rateDepartments = catalog.departments.filter((d) => inScopeDepartments.includes(d) || byDepartment.has(d.id));
  tables.ratesDepartment = {
    key: "ratesDepartment",
    title: "四率-按部门",
    note: RATE_NOTE,
    columns: ["部门", ...RATE_COLUMNS],
    rows: [
      ...rateDepartments.map((d) => [d.name, ...rateCells(rates(byDepartment.get(d.id) ?? emptyTally(), d.published, d.itemListCount ?? d.published))]),
      ["合计", ...rateCells(totalRates)],
    ],
    links: [...rateDepartments.map((d) => `/supervision/departments/${d.code}`), null],
  };

  const rateUnits = catalog.units.filter((u) => (scope.orgUnitId == null || u.id === scope.orgUnitId) && (scope.departmentId == null || byTown.has(u.id) || inScopeDepartments.some((d) => d.orgUnitId === u.id)));
  tables.ratesTown = {
    key: "ratesTown",
    title: "四率-按镇",
    note: `${RATE_NOTE}。镇的事项进驻率按驻在该镇的部门（镇政府）计。`,
    columns: ["办理地", ...RATE_COLUMNS],
    rows: [
      ...rateUnits.map((u) => {
        const deps = inScopeDepartments.filter((d) => d.orgUnitId === u.id);
        return [u.name, ...rateCells(rates(byTown.get(u.id) ?? emptyTally(), deps.reduce((s, d) => s + d.published, 0), deps.reduce((s, d) => s + (d.itemListCount ?? d.published), 0)))];
      }),
      ["合计", ...rateCells(totalRates)],
    ],
  };

  tables.overdue = listTable("overdue", "超期办件（红灯）", overdue, departmentName, `办理中且已超过承诺办结日期的办件，共 ${overdue.total} 件${overdue.total > overdue.cases.length ? `，列出最早到期的 ${overdue.cases.length} 件` : ""}。`);
  tables.soonDue = listTable("soonDue", "即将到期办件（黄灯）", soonDue, departmentName, `剩余不超过 2 个工作日或不足总时限三分之一的办件，共 ${soonDue.total} 件。`);

  const followUpRows = followUps.filter((f) => f.open > 0);
  const followUpTotal = { open: followUps.reduce((s, f) => s + f.open, 0), overdue: followUps.reduce((s, f) => s + f.overdue, 0) };
  tables.followUps = {
    key: "followUps",
    title: "差评整改",
    note: "尚未整改完毕的差评，以及其中已超过整改期限的（实时）。",
    columns: ["部门", "未办结整改", "超期整改"],
    rows: [...followUpRows.map((f) => [departmentName(f.departmentId), f.open, f.overdue]), ["合计", followUpTotal.open, followUpTotal.overdue]],
    links: [...followUpRows.map((f) => `/supervision/ratings?department=${f.departmentId}&state=pending`), "/supervision/ratings?state=pending"],
  };

  return { period, totals: { ...total, rates: totalRates }, tables, trend, overdue, soonDue, followUps: followUpTotal };
}

/** The order tables appear in on the dashboard (and the keys the export accepts). */
export const DASHBOARD_TABLES = ["ratesDepartment", "ratesTown", "status", "channel", "month", "department", "item", "town", "overdue", "soonDue", "followUps"] as const;
