import { useEffect, useRef } from "react";

export interface ChartData {
  trend: Array<{ month: string; online: number; window: number }>;
  states: Array<{ label: string; value: number }>;
  rates: Array<{ name: string; online: number | null; onTime: number | null; satisfaction: number | null }>;
}

/**
 * ECharts, as an enhancement: the numbers are the server-rendered tables; the library is imported only in the
 * browser, after hydration, so it never delays or enlarges the first paint. Charts are images for screen
 * readers (the tables carry the same numbers).
 */
export function StatsCharts({ data }: { data: ChartData }) {
  const trendRef = useRef<HTMLDivElement>(null);
  const statesRef = useRef<HTMLDivElement>(null);
  const ratesRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let disposed = false;
    const charts: Array<{ dispose(): void; resize(): void }> = [];
    const onResize = () => charts.forEach((c) => c.resize());
    void (async () => {
      const { init } = await import("./echarts-setup.client");
      if (disposed) return;
      const make = (el: HTMLDivElement | null, option: Record<string, unknown>) => {
        if (!el) return;
        const chart = init(el);
        chart.setOption(option);
        charts.push(chart);
      };
      make(trendRef.current, {
        tooltip: { trigger: "axis" },
        legend: { data: ["网上申报", "窗口收件"] },
        grid: { left: 48, right: 16, bottom: 32 },
        xAxis: { type: "category", data: data.trend.map((t) => t.month) },
        yAxis: { type: "value", minInterval: 1 },
        series: [
          { name: "网上申报", type: "bar", stack: "cases", data: data.trend.map((t) => t.online) },
          { name: "窗口收件", type: "bar", stack: "cases", data: data.trend.map((t) => t.window) },
        ],
      });
      make(statesRef.current, {
        tooltip: { trigger: "axis" },
        grid: { left: 140, right: 16, bottom: 24 },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", data: data.states.map((s) => s.label), inverse: true },
        series: [{ type: "bar", data: data.states.map((s) => s.value) }],
      });
      make(ratesRef.current, {
        tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (v == null ? "—" : `${v}%`) },
        legend: { data: ["网上办理率", "限时办结率", "服务满意率"] },
        grid: { left: 48, right: 16, bottom: 80 },
        xAxis: { type: "category", data: data.rates.map((r) => r.name), axisLabel: { rotate: 40 } },
        yAxis: { type: "value", max: 100 },
        series: [
          { name: "网上办理率", type: "bar", data: data.rates.map((r) => r.online) },
          { name: "限时办结率", type: "bar", data: data.rates.map((r) => r.onTime) },
          { name: "服务满意率", type: "bar", data: data.rates.map((r) => r.satisfaction) },
        ],
      });
      window.addEventListener("resize", onResize);
    })();
    return () => {
      disposed = true;
      window.removeEventListener("resize", onResize);
      charts.forEach((c) => c.dispose());
    };
  }, [data]);

  return (
    <section aria-labelledby="charts-title">
      <h2 id="charts-title">图表</h2>
      <div className="grid">
        <figure className="card" style={{ margin: 0 }}>
          <figcaption>按月办件趋势（网上 / 窗口）</figcaption>
          <div ref={trendRef} className="chart" role="img" aria-label="按月办件趋势图，数据见“办件统计-按月”表" data-chart="trend" />
        </figure>
        <figure className="card" style={{ margin: 0 }}>
          <figcaption>办件状态</figcaption>
          <div ref={statesRef} className="chart" role="img" aria-label="办件状态分布图，数据见“办件统计-按状态”表" data-chart="states" />
        </figure>
        {data.rates.length > 0 && (
          <figure className="card" style={{ margin: 0 }}>
            <figcaption>各部门网上办理率、限时办结率、服务满意率（%）</figcaption>
            <div ref={ratesRef} className="chart" role="img" aria-label="各部门三率对比图，数据见“四率-按部门”表" data-chart="rates" />
          </figure>
        )}
      </div>
    </section>
  );
}
