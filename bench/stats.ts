/**
 * Statistics benchmark: `npm run bench:stats`.
 *
 * On BENCH_CASES (default 1,000,000) generated cases — SQLite data/bench/stats.sqlite by default (or the cases
 * benchmark's data/bench/cases.sqlite when it already holds enough cases), MySQL/MariaDB with
 * DATABASE_URL=mysql://root@127.0.0.1:3306/hall_stats_bench — it
 * 1. generates the cases when needed (bench/support/generate.ts) and ratings for a third of the completed ones;
 * 2. brings the rollups current from the timeline (refreshRollups) and prints how long that took;
 * 3. runs every dashboard query for a one-year period (the last 365 days), county-wide and for the busiest
 *    department, BENCH_STATS_ITERATIONS (default 60) times each after warm-up, and the whole dashboard build.
 * The last line is one JSON object with `cases`, `dashboard_p95_ms` (the slowest query's p95) and per-query p95s.
 */
import fs from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { QueryTypes } from "sequelize";
import { benchTarget, inventory, resetDatabase } from "./support/target";
import { describe, intEnv, round, summarize, type Summary } from "./support/stats";

const log = (line: string) => console.log(line);
const CASES = intEnv("BENCH_CASES", 1_000_000);
const ITERATIONS = intEnv("BENCH_STATS_ITERATIONS", 60);
const WARMUP = 5;

if (!process.env.DATABASE_URL?.trim()) {
  process.env.DATABASE_URL = fs.existsSync("data/bench/cases.sqlite") ? "sqlite:data/bench/cases.sqlite" : "sqlite:data/bench/stats.sqlite";
}
const target = benchTarget();
if (target.dialect === "mysql" && target.database === "hall_bench") throw new Error("hall_bench belongs to bench:cases; use e.g. mysql://root@127.0.0.1:3306/hall_stats_bench");
log(`database: ${target.dialect} ${target.dialect === "sqlite" ? target.file : target.url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@")}`);
const found = await inventory(target);
if (found.foreign) throw new Error("DATABASE_URL points at a database with cases the benchmark did not generate; give the benchmark a database of its own");
const reuse = found.generated >= CASES;
if (!reuse) await resetDatabase(target);

// App modules read DATABASE_URL when they load: import them only now.
const { sequelize } = await import("~/db/connection.server");
const { migrate } = await import("~/db/migrate.server");
const { seedDemoCounty } = await import("~/seed/seed.server");
const { generateCases } = await import("./support/generate");
const { refreshRollups } = await import("~/stats/rollups.server");
const dash = await import("~/stats/dashboard.server");
const { Department } = await import("~/org/models.server");
const { chinaDate } = await import("~/calendar/china-time");

const mysql = sequelize.getDialect() === "mysql";
const count = async (sql: string) => Number(((await sequelize.query<{ n: number }>(sql, { type: QueryTypes.SELECT, plain: true })) ?? { n: 0 }).n);

if (!mysql) await sequelize.query("PRAGMA journal_mode = WAL");
await migrate();
const year = new Date().getFullYear();
await seedDemoCounty([year - 3, year - 2, year - 1, year, year + 1]);
await sequelize.query("CREATE TABLE IF NOT EXISTS bench_meta (name VARCHAR(50) PRIMARY KEY, value VARCHAR(200) NOT NULL)");

let generated = CASES;
if (reuse) {
  generated = found.generated;
  log(`reusing ${generated.toLocaleString()} generated cases; skipping generation`);
} else {
  const report = await generateCases({ cases: CASES, applicants: Math.min(200_000, Math.max(1000, Math.round(CASES / 20))), now: new Date(), log });
  log(`generated ${report.cases.toLocaleString()} cases, ${report.events.toLocaleString()} events in ${report.seconds.toFixed(1)} s`);
  await sequelize.transaction(async (t) => {
    const meta = {
      status: "ready", generated_cases: report.cases, tasks: report.tasks, events: report.events, applicants: report.applicants,
      generate_s: report.seconds.toFixed(1), generate_rows_per_s: Math.round(report.rowsPerSecond), first_case_id: report.firstCaseId,
      last_case_id: report.lastCaseId, generated_on: new Date().toISOString(),
    };
    for (const [name, value] of Object.entries(meta)) {
      await sequelize.query("DELETE FROM bench_meta WHERE name = ?", { replacements: [name], transaction: t });
      await sequelize.query("INSERT INTO bench_meta (name, value) VALUES (?, ?)", { replacements: [name, String(value)], transaction: t });
    }
  });
}

// Ratings: a third of the completed cases, a county's mix of levels (about 1 in 10 a 差评), given when completed.
if ((await count("SELECT COUNT(*) AS n FROM case_ratings")) === 0) {
  const started = performance.now();
  await sequelize.query(
    `INSERT INTO case_ratings (case_id, applicant_id, department_id, item_id, level, created_at)
     SELECT id, applicant_id, lead_department_id, item_id,
            CASE id % 20 WHEN 0 THEN 1 WHEN 1 THEN 2 WHEN 2 THEN 3 WHEN 3 THEN 4 WHEN 4 THEN 4 WHEN 5 THEN 4 ELSE 5 END, completed_at
     FROM cases WHERE state = 'completed' AND completed_at IS NOT NULL AND id % 3 = 0`,
  );
  log(`inserted ${(await count("SELECT COUNT(*) AS n FROM case_ratings")).toLocaleString()} ratings in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const cases = await count("SELECT COUNT(*) AS n FROM cases");
const events = await count("SELECT COUNT(*) AS n FROM case_events");
log(`${cases.toLocaleString()} cases, ${events.toLocaleString()} events`);

// Rollups: from wherever the watermark is (0 on a fresh database) to the end of the timeline.
const refreshStarted = performance.now();
const refresh = await refreshRollups(new Date(), { settleMs: 0, batchSize: intEnv("BENCH_ROLLUP_BATCH", 50_000) });
const refreshSeconds = (performance.now() - refreshStarted) / 1000;
log(`rollups: folded ${refresh.events.toLocaleString()} event ids in ${refresh.batches} batches and ${refresh.ratings.toLocaleString()} rating ids, ${refreshSeconds.toFixed(1)} s`);
const idle = performance.now();
await refreshRollups(new Date(), { settleMs: 0 });
const idleMs = performance.now() - idle;
log(`rollups: a round with nothing new takes ${idleMs.toFixed(1)} ms`);
if (mysql) await sequelize.query("ANALYZE TABLE stat_case_days, stat_finish_days, cases, case_ratings, rating_follow_ups");
else await sequelize.query("ANALYZE");
const rollupRows = await count("SELECT COUNT(*) AS n FROM stat_case_days");
log(`stat_case_days: ${rollupRows.toLocaleString()} rows; stat_finish_days: ${(await count("SELECT COUNT(*) AS n FROM stat_finish_days")).toLocaleString()} rows`);

// One year back from yesterday (generated history ends yesterday), county-wide and for the busiest department.
const now = new Date();
const today = chinaDate(now);
const period = { preset: "custom" as const, from: chinaDate(new Date(now.getTime() - 365 * 86_400_000)), to: today };
const busiest = (await sequelize.query<{ id: number }>(
  "SELECT department_id AS id FROM stat_case_days GROUP BY department_id ORDER BY SUM(cases) DESC LIMIT 1",
  { type: QueryTypes.SELECT, plain: true },
))!.id;
const department = await Department.findByPk(busiest);
const scopes = { county: dash.COUNTY, department: { departmentId: busiest, orgUnitId: null } };
log(`\nperiod ${period.from} – ${period.to}; department: ${department?.name}; ${ITERATIONS} runs per query after ${WARMUP} warm-up runs`);

const QUERIES: Record<string, (scope: typeof dash.COUNTY) => Promise<unknown>> = {
  case_cube: (s) => dash.queryCaseCube(period, s),
  trend: (s) => dash.queryTrend(period, s),
  finished: (s) => dash.queryFinished(period, s),
  ratings: (s) => dash.queryRatings(period, s),
  catalog: () => dash.queryCatalog(),
  overdue: (s) => dash.queryOverdue(s, now),
  soon_due: (s) => dash.querySoonDue(s, now),
  follow_ups: (s) => dash.queryFollowUps(s, now, null),
  whole_dashboard: (s) => dash.buildDashboard(period, s, now),
};

const results: Record<string, Summary> = {};
for (const [scopeName, scope] of Object.entries(scopes)) {
  for (const [name, run] of Object.entries(QUERIES)) {
    for (let i = 0; i < WARMUP; i++) await run(scope);
    const samples: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const started = performance.now();
      await run(scope);
      samples.push(performance.now() - started);
    }
    results[`${scopeName}_${name}`] = summarize(samples);
    log(`  ${`${scopeName} ${name}`.padEnd(28)} ${describe(results[`${scopeName}_${name}`])}`);
  }
}

const perQuery = Object.fromEntries(Object.entries(results).filter(([k]) => !k.endsWith("whole_dashboard")).map(([k, s]) => [`${k}_p95_ms`, round(s.p95)]));
const slowest = Math.max(...Object.entries(results).filter(([k]) => !k.endsWith("whole_dashboard")).map(([, s]) => s.p95));
const result = {
  database: mysql ? "mysql" : "sqlite",
  cases,
  events,
  ratings: await count("SELECT COUNT(*) AS n FROM case_ratings"),
  generated_this_run: !reuse,
  rollup_refresh_s: round(refreshSeconds, 1),
  rollup_refresh_events: refresh.events,
  rollup_refresh_ratings: refresh.ratings,
  rollup_idle_round_ms: round(idleMs),
  rollup_rows: rollupRows,
  period,
  department: department?.code,
  iterations: ITERATIONS,
  dashboard_p95_ms: round(slowest),
  whole_dashboard_county_p95_ms: round(results.county_whole_dashboard.p95),
  whole_dashboard_department_p95_ms: round(results.department_whole_dashboard.p95),
  ...perQuery,
  load_avg: round(os.loadavg()[0]),
  goal_dashboard_p95_le_200ms: slowest <= 200,
};
await sequelize.close();
console.log(JSON.stringify(result));
