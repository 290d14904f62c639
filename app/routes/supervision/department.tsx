import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { chinaDateTime } from "~/calendar/china-time";
import { filterQuery, isOverseer, parseFilters, requireDepartmentViewer } from "~/stats/access.server";
import { buildDashboard } from "~/stats/dashboard.server";
import { formatRate, PRESET_LABELS, RATE_FORMULAS, type Preset } from "~/stats/period";
import { rollupsRefreshedAt } from "~/stats/rollups.server";
import { StatTableView } from "~/ui/StatTableView";

export const meta: MetaFunction = () => [{ title: "部门监察评分卡 - 紫阳县网上办事大厅" }];

const SCORECARD_TABLES = ["ratesDepartment", "status", "channel", "month", "item", "overdue", "soonDue", "followUps"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, department } = await requireDepartmentViewer(request, params.code ?? "");
  const search = new URL(request.url).searchParams;
  search.set("department", department.code);
  search.delete("town");
  const filters = await parseFilters(search);
  const [dashboard, refreshed] = await Promise.all([buildDashboard(filters.period, filters.scope, filters.now), rollupsRefreshedAt()]);
  const r = dashboard.totals.rates;
  return {
    department: { code: department.code, name: department.name },
    overseer: isOverseer(user),
    period: filters.period,
    periodError: filters.periodError,
    query: filterQuery(filters),
    month: filters.today.slice(0, 7),
    refreshedAt: refreshed ? chinaDateTime(refreshed) : null,
    rates: (Object.keys(RATE_FORMULAS) as Array<keyof typeof RATE_FORMULAS>).map((k) => ({ key: k, ...RATE_FORMULAS[k], value: formatRate(r[k]), numerator: r[k].numerator, denominator: r[k].denominator })),
    tables: SCORECARD_TABLES.map((k) => dashboard.tables[k]),
  };
}

export default function DepartmentScorecard() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      {d.overseer && <p><Link to="/supervision">← 电子监察</Link></p>}
      <h1>{d.department.name} · 监察评分卡</h1>
      <p className="muted">{d.period.from} 至 {d.period.to}（{PRESET_LABELS[d.period.preset as Preset]}）。统计数据更新至 {d.refreshedAt ?? "—"}。</p>
      <Form method="get" className="card" role="search" aria-label="统计期间">
        <div className="actions">
          <div>
            <label htmlFor="period">统计期间</label>
            <select id="period" name="period" defaultValue={d.period.preset}>
              {(["month", "quarter", "year", "custom"] as Preset[]).map((k) => <option key={k} value={k}>{PRESET_LABELS[k]}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="from">开始日期（自定义）</label>
            <input id="from" name="from" type="date" defaultValue={d.period.preset === "custom" ? d.period.from : ""} />
          </div>
          <div>
            <label htmlFor="to">结束日期（自定义）</label>
            <input id="to" name="to" type="date" defaultValue={d.period.preset === "custom" ? d.period.to : ""} />
          </div>
        </div>
        {d.periodError && <p className="error" role="alert">{d.periodError}，已改为显示本年度。</p>}
        <p><button type="submit" className="secondary">查询</button></p>
      </Form>
      <Form method="get" action={`/supervision/departments/${d.department.code}/report`} className="card" aria-label="打印月报">
        <label htmlFor="month">月报月份</label>
        <div className="actions">
          <input id="month" name="month" type="month" defaultValue={d.month} />
          <button type="submit" className="secondary">生成可打印月报</button>
        </div>
      </Form>
      <ul className="kpis" aria-label="四率">
        {d.rates.map((r) => (
          <li key={r.key} data-testid={`rate-${r.key}`}>
            <span>{r.label}</span>
            <span className="value">{r.value}</span>
            <span className="help">{r.numerator} / {r.denominator}　{r.formula}</span>
          </li>
        ))}
      </ul>
      {d.tables.map((t) => <StatTableView key={t.key} table={t} exportQuery={d.query} />)}
    </>
  );
}
