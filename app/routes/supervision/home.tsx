import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { chinaDateTime } from "~/calendar/china-time";
import { CASE_STATE_LABELS, CASE_STATES } from "~/cases/lifecycle";
import { filterQuery, parseFilters, requireDashboardViewer } from "~/stats/access.server";
import { buildDashboard, DASHBOARD_TABLES } from "~/stats/dashboard.server";
import { scopeLabel } from "~/stats/labels.server";
import { formatRate, PRESET_LABELS, RATE_FORMULAS, type Preset } from "~/stats/period";
import { rollupsRefreshedAt } from "~/stats/rollups.server";
import { Department, OrgUnit } from "~/org/models.server";
import { StatsCharts } from "~/ui/StatsCharts";
import { StatTableView } from "~/ui/StatTableView";

export const meta: MetaFunction = () => [{ title: "电子监察 - 紫阳县网上办事大厅" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireDashboardViewer(request);
  const filters = await parseFilters(new URL(request.url).searchParams);
  const [dashboard, departments, towns, refreshed, label] = await Promise.all([
    buildDashboard(filters.period, filters.scope, filters.now),
    Department.findAll({ attributes: ["code", "name"], order: [["id", "ASC"]] }),
    OrgUnit.findAll({ where: { level: ["county", "town"] }, attributes: ["code", "name", "level"], order: [["id", "ASC"]] }),
    rollupsRefreshedAt(),
    scopeLabel(filters.scope),
  ]);
  const r = dashboard.totals.rates;
  const byState = new Map(dashboard.tables.status.rows.map((row) => [row[0], Number(row[1])]));
  return {
    filter: { period: filters.period, error: filters.periodError, department: filters.department, town: filters.town, query: filterQuery(filters) },
    scopeLabel: label,
    departments: departments.map((d) => ({ code: d.code, name: d.name })),
    towns: towns.map((t) => ({ code: t.code, name: t.level === "county" ? `${t.name}（县本级）` : t.name })),
    refreshedAt: refreshed ? chinaDateTime(refreshed) : null,
    kpis: [
      { key: "cases", label: "办件总数", value: String(dashboard.totals.cases), detail: `网上 ${dashboard.totals.online} · 窗口 ${dashboard.totals.window}` },
      { key: "settled", label: "事项进驻率", value: formatRate(r.settled), detail: `${r.settled.numerator} / ${r.settled.denominator}` },
      { key: "online", label: "网上办理率", value: formatRate(r.online), detail: `${r.online.numerator} / ${r.online.denominator}` },
      { key: "onTime", label: "限时办结率", value: formatRate(r.onTime), detail: `${r.onTime.numerator} / ${r.onTime.denominator}` },
      { key: "satisfaction", label: "服务满意率", value: formatRate(r.satisfaction), detail: `${r.satisfaction.numerator} / ${r.satisfaction.denominator}` },
      { key: "overdue", label: "超期办件（红灯）", value: String(dashboard.overdue.total), detail: "实时" },
      { key: "soonDue", label: "即将到期（黄灯）", value: String(dashboard.soonDue.total), detail: "实时" },
      { key: "followUps", label: "差评整改未办结", value: String(dashboard.followUps.open), detail: `其中超期 ${dashboard.followUps.overdue}` },
    ],
    tables: DASHBOARD_TABLES.map((k) => dashboard.tables[k]),
    charts: {
      trend: dashboard.trend,
      states: CASE_STATES.map((s) => ({ label: CASE_STATE_LABELS[s], value: byState.get(CASE_STATE_LABELS[s]) ?? 0 })).filter((s) => s.value > 0),
      rates: dashboard.tables.ratesDepartment.rows
        .filter((row) => row[0] !== "合计" && Number(row[6]) > 0)
        .map((row) => ({ name: String(row[0]).replace(/^紫阳县|^国家税务总局紫阳县/, ""), online: pct(row[4]), onTime: pct(row[7]), satisfaction: pct(row[10]) })),
    },
  };
}

function pct(cell: unknown): number | null {
  const n = Number.parseFloat(String(cell));
  return Number.isFinite(n) ? n : null;
}

const PRESETS: Preset[] = ["month", "quarter", "year", "custom"];

export default function SupervisionDashboard() {
  const d = useLoaderData<typeof loader>();
  const p = d.filter.period;
  return (
    <>
      <h1>电子监察</h1>
      <p className="muted">
        {d.scopeLabel}　{p.from} 至 {p.to}（{PRESET_LABELS[p.preset as Preset]}）　只读。统计数据更新至 {d.refreshedAt ?? "—"}，红黄灯名单为实时数据。
      </p>
      <p className="actions">
        <Link to="/supervision/ratings">好差评监察与差评整改</Link>
        <a href="#table-ratesDepartment-title">四率</a>
        <a href="#table-overdue-title">超期办件</a>
      </p>

      <Form method="get" className="card" role="search" aria-label="统计期间与范围">
        <div className="actions">
          <div>
            <label htmlFor="period">统计期间</label>
            <select id="period" name="period" defaultValue={p.preset}>
              {PRESETS.map((k) => <option key={k} value={k}>{PRESET_LABELS[k]}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="from">开始日期（自定义）</label>
            <input id="from" name="from" type="date" defaultValue={p.preset === "custom" ? p.from : ""} />
          </div>
          <div>
            <label htmlFor="to">结束日期（自定义）</label>
            <input id="to" name="to" type="date" defaultValue={p.preset === "custom" ? p.to : ""} />
          </div>
          <div>
            <label htmlFor="department">部门</label>
            <select id="department" name="department" defaultValue={d.filter.department}>
              <option value="">全部部门</option>
              {d.departments.map((dep) => <option key={dep.code} value={dep.code}>{dep.name}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="town">镇</label>
            <select id="town" name="town" defaultValue={d.filter.town}>
              <option value="">全县</option>
              {d.towns.map((t) => <option key={t.code} value={t.code}>{t.name}</option>)}
            </select>
          </div>
        </div>
        {d.filter.error && <p className="error" role="alert">{d.filter.error}，已改为显示本年度。</p>}
        <p><button type="submit" className="secondary">查询</button></p>
      </Form>

      <ul className="kpis" aria-label="主要指标">
        {d.kpis.map((k) => (
          <li key={k.key} data-testid={`kpi-${k.key}`}>
            <span>{k.label}</span>
            <span className="value">{k.value}</span>
            <span className="help">{k.detail}</span>
          </li>
        ))}
      </ul>
      <details className="help">
        <summary>四率计算公式</summary>
        <ul>{Object.values(RATE_FORMULAS).map((f) => <li key={f.label}>{f.formula}</li>)}</ul>
      </details>

      {d.tables.map((t) => <StatTableView key={t.key} table={t} exportQuery={d.filter.query} />)}

      <StatsCharts data={d.charts} />
    </>
  );
}
