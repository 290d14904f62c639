/**
 * Case workload benchmark: `npm run bench:cases`.
 *
 * Generates BENCH_CASES (default 1,000,000) historical cases with their review tasks and timeline events in a
 * database of its own (SQLite data/bench/cases.sqlite by default; MySQL/MariaDB with
 * DATABASE_URL=mysql://root@127.0.0.1:3306/hall_bench), then measures through the app's own services:
 *
 * - queue: a department's workbench queue, first page — 待受理 filtered to cases due within two working days
 *   (status + due date), and 待审查 (pending review tasks); p50/p95/p99 over both;
 * - case view: the reviewer's case page (case, pinned version, tasks, timeline, documents) for random cases;
 * - submit: BENCH_SUBMITS (default 2000) sequential 企业开办 submissions — validation against the pinned form
 *   schema + case + timeline event + outbox message, one transaction each;
 * - raw insert: the same number of plain single-row INSERT transactions on the same database and connection
 *   setup, interleaved with the submits, as the yardstick for submit_ratio = submit_per_s / raw_insert_per_s.
 *
 * In this app the parallel review tasks are created when the lead department accepts the case (受理), not at
 * submission: submit_per_s is therefore submitApplication alone, and accept_per_s measures the acceptance
 * transaction that writes the four parallel tasks (+ notice document, event, outbox) for the same cases;
 * submit_and_accept_per_s is both steps per case.
 *
 * Generation is skipped when the database already holds at least BENCH_CASES generated cases; cases written
 * by earlier measurement runs are removed first so every run measures the same data. Figures are printed,
 * never asserted; the last line of output is one JSON object.
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { QueryTypes } from "sequelize";
import { benchTarget, databaseSizeMb, inventory, resetDatabase } from "./support/target";
import { describe, intEnv, round } from "./support/stats";

const log = (line: string) => console.log(line);
const CASES = intEnv("BENCH_CASES", 1_000_000);
const SUBMITS = intEnv("BENCH_SUBMITS", 2000);
const ITERATIONS = Math.max(200, intEnv("BENCH_ITERATIONS", 300));
const WARMUP = 20;

const target = benchTarget();
log(`database: ${target.dialect} ${target.dialect === "sqlite" ? target.file : target.url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@")}`);
const found = await inventory(target);
if (found.foreign) {
  throw new Error("DATABASE_URL points at a database with cases the benchmark did not generate; give the benchmark a database of its own");
}
const reuse = found.generated >= CASES;
if (!reuse) await resetDatabase(target);

// App modules read DATABASE_URL when they load: import them only now.
const { sequelize } = await import("~/db/connection.server");
const { migrate } = await import("~/db/migrate.server");
const { seedDemoCounty } = await import("~/seed/seed.server");
const { generateCases, HISTORY_DAYS } = await import("./support/generate");
const measure = await import("./support/measure");

const mysql = sequelize.getDialect() === "mysql";

async function readMeta(): Promise<Record<string, string>> {
  const rows = await sequelize.query<{ name: string; value: string }>("SELECT name, value FROM bench_meta", { type: QueryTypes.SELECT });
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
}

async function writeMeta(values: Record<string, string | number>): Promise<void> {
  await sequelize.transaction(async (t) => {
    for (const [name, value] of Object.entries(values)) {
      await sequelize.query("DELETE FROM bench_meta WHERE name = ?", { replacements: [name], transaction: t });
      await sequelize.query("INSERT INTO bench_meta (name, value) VALUES (?, ?)", { replacements: [name, String(value)], transaction: t });
    }
  });
}

/** Data and indexes on disk: the SQLite file (with its WAL), or the tables of the MySQL database. */
async function storedMb(): Promise<number | null> {
  if (!mysql) return databaseSizeMb(target);
  const row = await sequelize.query<{ bytes: number }>(
    "SELECT SUM(data_length + index_length) AS bytes FROM information_schema.tables WHERE table_schema = DATABASE()",
    { type: QueryTypes.SELECT, plain: true },
  );
  return Math.round(Number(row?.bytes ?? 0) / 1048576);
}

/** Removes what earlier measurement runs wrote (cases after the generated ones, their rows, today's counters). */
async function removeEarlierRuns(lastGeneratedId: number): Promise<number> {
  const [rows] = await sequelize.query(`SELECT COUNT(*) AS n FROM cases WHERE id > ${lastGeneratedId}`);
  const leftover = Number((rows as Array<{ n: number }>)[0].n);
  if (!leftover) return 0;
  await sequelize.transaction(async (t) => {
    for (const table of ["review_tasks", "case_events", "outbox_messages", "documents", "licences", "case_materials"]) {
      await sequelize.query(`DELETE FROM ${table} WHERE case_id > ${lastGeneratedId}`, { transaction: t });
    }
    await sequelize.query(`DELETE FROM cases WHERE id > ${lastGeneratedId}`, { transaction: t });
    // Generated tracking numbers never use the counters (their dates are all before the generation day).
    await sequelize.query("DELETE FROM sequences WHERE name LIKE 'case:%'", { transaction: t });
  });
  return leftover;
}

const started = performance.now();
let sqlitePragmas: Record<string, string> | undefined;
if (!mysql) {
  // WAL is a property of the database file: set once, it holds for every later connection. The app means to set
  // it (with synchronous=NORMAL and a busy timeout) in an afterConnect hook, but Sequelize's SQLite dialect opens
  // its connections without running that hook, so the per-connection settings below are reported as they are.
  await sequelize.query("PRAGMA journal_mode = WAL");
  const pragma = async (name: string, transaction?: import("sequelize").Transaction) =>
    String(Object.values((await sequelize.query(`PRAGMA ${name}`, { type: QueryTypes.SELECT, plain: true, transaction })) ?? {})[0]);
  sqlitePragmas = await sequelize.transaction(async (t) => ({
    journal_mode: await pragma("journal_mode", t),
    synchronous: await pragma("synchronous", t),
    busy_timeout: await pragma("busy_timeout", t),
    foreign_keys: await pragma("foreign_keys", t),
  }));
  log(`sqlite, as a transaction's connection sees it: ${Object.entries(sqlitePragmas).map(([k, v]) => `${k}=${v}`).join(" ")}`);
}
await migrate();
const year = new Date().getFullYear();
// Working-day calendars for the whole generated history, so its deadlines are computed as the app would.
await seedDemoCounty([year - 3, year - 2, year - 1, year, year + 1]);
await sequelize.query("CREATE TABLE IF NOT EXISTS bench_meta (name VARCHAR(50) PRIMARY KEY, value VARCHAR(200) NOT NULL)");

let meta: Record<string, string>;
if (reuse) {
  meta = await readMeta();
  log(`reusing ${Number(meta.generated_cases).toLocaleString()} generated cases (generated on ${meta.generated_on} in ${meta.generate_s} s); skipping generation`);
  const removed = await removeEarlierRuns(Number(meta.last_case_id));
  if (removed) log(`removed ${removed} cases written by earlier measurement runs`);
} else {
  await writeMeta({ status: "generating" });
  const applicants = intEnv("BENCH_APPLICANTS", Math.min(200_000, Math.max(1000, Math.round(CASES / 20))));
  const report = await generateCases({ cases: CASES, applicants, now: new Date(), log });
  log(
    `generated ${report.cases.toLocaleString()} cases, ${report.tasks.toLocaleString()} tasks, ${report.events.toLocaleString()} events, ` +
      `${report.applicants.toLocaleString()} applicants in ${report.seconds.toFixed(1)} s ` +
      `(${Math.round(report.cases / report.seconds).toLocaleString()} cases/s, ${Math.round(report.rowsPerSecond).toLocaleString()} rows/s)`,
  );
  await writeMeta({
    status: "ready",
    generated_cases: report.cases,
    tasks: report.tasks,
    events: report.events,
    applicants: report.applicants,
    generate_s: report.seconds.toFixed(1),
    generate_rows_per_s: Math.round(report.rowsPerSecond),
    first_case_id: report.firstCaseId,
    last_case_id: report.lastCaseId,
    generated_on: new Date().toISOString(),
    history_days: HISTORY_DAYS,
  });
  meta = await readMeta();
  // InnoDB refreshes its statistics in the background after bulk changes; do it now, so plans and sizes are current.
  if (mysql) await sequelize.query("ANALYZE TABLE users, cases, review_tasks, case_events");
}
const firstCaseId = Number(meta.first_case_id);
const lastCaseId = Number(meta.last_case_id);
const sizeMb = await storedMb();
if (sizeMb != null) log(`database size: ${sizeMb.toLocaleString()} MB`);

const loadBefore = os.loadavg()[0];
const now = new Date();
log(`\nqueue: ${ITERATIONS} × 待受理 (due soon) + ${ITERATIONS} × 待审查, first page, after ${WARMUP} warm-up calls`);
const queue = await measure.measureQueues(ITERATIONS, WARMUP, now);
log(`  departments: accept ${queue.departments.accept.join(",")}; review ${queue.departments.review.join(",")}`);
log(`  accept (due soon): ${describe(queue.accept)}; ${queue.acceptRows.toFixed(1)} rows/page`);
log(`  review:            ${describe(queue.review)}; ${queue.reviewRows.toFixed(1)} rows/page`);
log(`  both:              ${describe(queue.all)}`);

log(`\ncase view: ${ITERATIONS * 2} random cases by a reviewer of the lead department`);
const caseView = await measure.measureCaseView(ITERATIONS * 2, WARMUP, firstCaseId, lastCaseId);
log(`  ${describe(caseView)}`);

log(`\nwrites: ${SUBMITS} submits of 企业开办 and ${SUBMITS} raw single-row insert transactions, interleaved in blocks of 50`);
await measure.prepareRawTable();
const writes = await measure.measureWrites(SUBMITS, WARMUP);
log(`  submit:     ${describe(writes.submit)}; ${writes.submitPerSecond.toFixed(1)} /s`);
log(`  raw insert: ${describe(writes.raw)}; ${writes.rawPerSecond.toFixed(1)} /s`);
log(`  ratio:      ${(writes.submitPerSecond / writes.rawPerSecond).toFixed(3)}`);

log(`\naccept: ${SUBMITS} acceptances of those cases (4 parallel review tasks + notice + event + outbox each)`);
const accept = await measure.measureAccept(writes.caseIds, writes.warmupCaseIds);
log(`  ${describe(accept.latency)}; ${accept.perSecond.toFixed(1)} /s`);
const submitAndAccept = (SUBMITS * 1000) / (SUBMITS * (1000 / writes.submitPerSecond) + accept.totalMs);
log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);

const ratio = writes.submitPerSecond / writes.rawPerSecond;
const result = {
  database: mysql ? "mysql" : "sqlite",
  server_version: mysql ? String(((await sequelize.query("SELECT VERSION() AS v", { type: QueryTypes.SELECT })) as Array<{ v: string }>)[0].v) : undefined,
  cases: Number(meta.generated_cases),
  tasks: Number(meta.tasks),
  events: Number(meta.events),
  applicants: Number(meta.applicants),
  generated_this_run: !reuse,
  generate_s: Number(meta.generate_s),
  generate_rows_per_s: Number(meta.generate_rows_per_s),
  db_size_mb: sizeMb ?? undefined,
  sqlite_pragmas: sqlitePragmas,
  queue_p50_ms: round(queue.all.p50),
  queue_p95_ms: round(queue.all.p95),
  queue_p99_ms: round(queue.all.p99),
  queue_accept_due_soon_p95_ms: round(queue.accept.p95),
  queue_review_p95_ms: round(queue.review.p95),
  case_view_p50_ms: round(caseView.p50),
  case_view_p95_ms: round(caseView.p95),
  case_view_p99_ms: round(caseView.p99),
  submit_per_s: round(writes.submitPerSecond, 1),
  submit_p50_ms: round(writes.submit.p50),
  submit_p95_ms: round(writes.submit.p95),
  accept_per_s: round(accept.perSecond, 1),
  accept_p95_ms: round(accept.latency.p95),
  submit_and_accept_per_s: round(submitAndAccept, 1),
  raw_insert_per_s: round(writes.rawPerSecond, 1),
  raw_insert_p95_ms: round(writes.raw.p95),
  submit_ratio: round(ratio, 3),
  // Other processes on the machine skew the tails: the 1-minute load average before and after measuring.
  load_avg: [round(loadBefore), round(os.loadavg()[0])],
  iterations: ITERATIONS,
  submits: SUBMITS,
  goals: { queue_p95_le_20ms: queue.all.p95 <= 20, case_view_p95_le_30ms: caseView.p95 <= 30, submit_ratio_ge_0_5: ratio >= 0.5 },
};
await sequelize.close();
console.log(JSON.stringify(result));
