/**
 * The period and scope a dashboard shows, parsed from the query string (pure; shared by pages and exports).
 * Dates are China dates (YYYY-MM-DD), both ends inclusive.
 */
export type Preset = "month" | "quarter" | "year" | "custom";

export const PRESET_LABELS: Record<Preset, string> = { month: "本月", quarter: "本季度", year: "本年度", custom: "自定义" };

export interface Period {
  preset: Preset;
  from: string;
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const pad = (n: number) => String(n).padStart(2, "0");

export function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The last day of a month (1–12). */
export function monthEnd(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

export function presetPeriod(preset: Exclude<Preset, "custom">, today: string): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (preset === "month") return { preset, from: `${year}-${pad(month)}-01`, to: monthEnd(year, month) };
  if (preset === "quarter") {
    const first = Math.floor((month - 1) / 3) * 3 + 1;
    return { preset, from: `${year}-${pad(first)}-01`, to: monthEnd(year, first + 2) };
  }
  return { preset, from: `${year}-01-01`, to: `${year}-12-31` };
}

/** Longest custom period (about three years): the rollups are daily, so longer is only slower. */
const MAX_DAYS = 1100;

/** `?period=month|quarter|year` or `?from=…&to=…`; default this year. An unusable custom range gives an error and the year. */
export function parsePeriod(params: URLSearchParams, today: string): { period: Period; error: string | null } {
  const preset = params.get("period") ?? "";
  const from = params.get("from")?.trim() ?? "";
  const to = params.get("to")?.trim() ?? "";
  if ((preset === "custom" || (!preset && (from || to))) && (from || to)) {
    let error: string | null = null;
    if (!isDate(from) || !isDate(to)) error = "请按 年-月-日 填写起止日期";
    else if (from > to) error = "开始日期不能晚于结束日期";
    else if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) error = "统计期间最长三年";
    if (!error) return { period: { preset: "custom", from, to }, error: null };
    return { period: presetPeriod("year", today), error };
  }
  if (preset === "month" || preset === "quarter" || preset === "year") return { period: presetPeriod(preset, today), error: null };
  return { period: presetPeriod("year", today), error: null };
}

/** `?month=2026-11` for the monthly report; default the current month. */
export function parseMonth(value: string | null, today: string): { month: string; from: string; to: string } | null {
  const month = value?.trim() || today.slice(0, 7);
  if (!/^\d{4}-\d{2}$/.test(month)) return null;
  const [y, m] = month.split("-").map(Number);
  if (m < 1 || m > 12) return null;
  return { month, from: `${month}-01`, to: monthEnd(y, m) };
}

/** A rate as a share of two counts; null when nothing was counted (shown as "—", never as 0 %). */
export interface Rate {
  numerator: number;
  denominator: number;
  percent: number | null;
}

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, percent: denominator > 0 ? Math.round((numerator / denominator) * 1000) / 10 : null };
}

export function formatRate(r: Rate): string {
  return r.percent == null ? "—" : `${r.percent.toFixed(1)}%`;
}

/** The four supervision rates, with the formulas shown next to every rate table (PRODUCT.md). */
export const RATE_FORMULAS = {
  settled: { label: "事项进驻率", formula: "事项进驻率 = 已在大厅发布的事项数 ÷ 部门事项清单事项数" },
  online: { label: "网上办理率", formula: "网上办理率 = 网上申报的办件数 ÷ 全部办件数（按申报日期）" },
  onTime: { label: "限时办结率", formula: "限时办结率 = 在承诺办结日期内办结的办件数 ÷ 办结的办件数（按办结日期）" },
  satisfaction: { label: "服务满意率", formula: "服务满意率 = 基本满意及以上（≥ 3 分）的评价数 ÷ 评价总数（按评价日期）" },
} as const;

const nextMonth = (month: string) => {
  const [y, m] = month.split("-").map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
};
const previousMonth = (month: string) => {
  const [y, m] = month.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
};

/**
 * Splits [from, to] into the whole months inside it (read from the monthly rollups) and the leftover day
 * ranges of a partial first or last month (read from the daily rollups).
 */
export function splitPeriod(from: string, to: string): { months: [string, string] | null; days: Array<[string, string]> } {
  const [fy, fm] = from.slice(0, 7).split("-").map(Number);
  const [ty, tm] = to.slice(0, 7).split("-").map(Number);
  const firstFull = from.endsWith("-01") ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const lastFull = to === monthEnd(ty, tm) ? to.slice(0, 7) : previousMonth(to.slice(0, 7));
  if (firstFull > lastFull) return { months: null, days: [[from, to]] };
  const days: Array<[string, string]> = [];
  if (!from.endsWith("-01")) days.push([from, monthEnd(fy, fm)]);
  if (to !== monthEnd(ty, tm)) days.push([`${to.slice(0, 7)}-01`, to]);
  return { months: [firstFull, lastFull], days };
}
