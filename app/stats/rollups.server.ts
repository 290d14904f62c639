/**
 * Daily rollups of cases for the supervision dashboards, kept current from the append-only timeline
 * (case_events) — never in the case transactions, never as a nightly batch. See docs/decisions/005-statistics-rollups.md.
 *
 * Every change of a case writes an event. A refresh takes the cases touched by the events after the stored
 * watermark and, in one transaction with the watermark update, moves each from the bucket it was counted in
 * (stat_case_states) to the bucket of its current state:
 * - stat_case_days: cases submitted on a day (China date) now in a state;
 * - stat_finish_days: cases completed (办结) on a day, and how many of them by their promised date;
 * - stat_case_months and stat_finish_months: the same by month, so a year reads twelve rows per key.
 * The transaction takes the watermark row's lock first (FOR UPDATE on MySQL; SQLite's IMMEDIATE transactions
 * hold the single write lock from BEGIN), so any number of processes may refresh at once and each event is
 * folded in exactly once.
 */
import { QueryTypes, type Transaction } from "sequelize";
import { sequelize } from "~/db/connection.server";
import { runEvery } from "~/background.server";
import { SATISFIED_MIN_LEVEL } from "./satisfaction";

const WATERMARK = "case_events";
const DEFAULT_BATCH = 20_000;

/**
 * MySQL hands out AUTO_INCREMENT ids at INSERT, not at COMMIT: an event with a lower id can become visible after
 * a higher one was folded in. Events younger than this are left for the next round, so a case transaction
 * (sub-second) has long committed before its ids are passed. SQLite's single writer commits in id order.
 */
const MYSQL_SETTLE_MS = 10_000;

const mysql = () => sequelize.getDialect() === "mysql";

/** The China date of a DATE column: SQLite stores UTC text "YYYY-MM-DD HH:MM:SS.SSS +00:00"; MySQL China wall-clock. */
function chinaDay(column: string): string {
  return mysql() ? `DATE_FORMAT(${column}, '%Y-%m-%d')` : `date(substr(${column}, 1, 19), '+8 hours')`;
}

function upsert(key: string[], sums: string[]): string {
  return mysql()
    ? `ON DUPLICATE KEY UPDATE ${sums.map((c) => `${c} = ${c} + VALUES(${c})`).join(", ")}`
    : `ON CONFLICT (${key.join(", ")}) DO UPDATE SET ${sums.map((c) => `${c} = ${c} + excluded.${c}`).join(", ")}`;
}

const DIMENSIONS = ["department_id", "org_unit_id", "item_id", "channel"];

async function scalar(sql: string, replacements: unknown[], transaction: Transaction): Promise<number | null> {
  const row = await sequelize.query<{ v: number | string | null }>(sql, { replacements, transaction, type: QueryTypes.SELECT, plain: true });
  return row?.v == null ? null : Number(row.v);
}

/** Daily and monthly tables: the period column and how a China date becomes its value. */
const GRAINS = [
  { cases: "stat_case_days", finish: "stat_finish_days", column: "day", of: (day: string) => day },
  { cases: "stat_case_months", finish: "stat_finish_months", column: "month", of: (day: string) => `SUBSTR(${day}, 1, 7)` },
];

/**
 * Folds the cases touched by events (lo, hi] into the rollups: each such case leaves the bucket it was counted
 * in (stat_case_states) for the bucket of its current state, and counts once as finished when it is newly
 * completed. The case row is the truth and the timeline the change feed, so a refresh is idempotent.
 */
async function applyEvents(lo: number, hi: number, transaction: Transaction): Promise<void> {
  const touched = "(SELECT DISTINCT case_id FROM case_events WHERE id > ? AND id <= ?)";
  const range = [lo, hi];
  const submitted = chinaDay("c.submitted_at");
  const done = chinaDay("c.completed_at");
  const firstDay = await sequelize.query<{ v: string | null }>(
    `SELECT MIN(${submitted}) AS v FROM ${touched} t JOIN cases c ON c.id = t.case_id`,
    { replacements: range, transaction, type: QueryTypes.SELECT, plain: true },
  );
  for (const g of GRAINS) {
    const key = [g.column, ...DIMENSIONS];
    await sequelize.query(
      `INSERT INTO ${g.cases} (${key.join(", ")}, state, cases)
       SELECT ${g.of(submitted)}, c.lead_department_id, c.org_unit_id, c.item_id, c.channel, x.state, SUM(x.delta)
       FROM (
         SELECT t.case_id, s.state AS state, -1 AS delta
         FROM ${touched} t JOIN stat_case_states s ON s.case_id = t.case_id JOIN cases k ON k.id = t.case_id WHERE s.state <> k.state
         UNION ALL
         SELECT t.case_id, k.state AS state, 1 AS delta
         FROM ${touched} t JOIN cases k ON k.id = t.case_id LEFT JOIN stat_case_states s ON s.case_id = t.case_id WHERE s.case_id IS NULL OR s.state <> k.state
       ) x JOIN cases c ON c.id = x.case_id
       WHERE 1 = 1
       GROUP BY ${g.of(submitted)}, c.lead_department_id, c.org_unit_id, c.item_id, c.channel, x.state
       ${upsert([...key, "state"], ["cases"])}`,
      { replacements: [...range, ...range], transaction },
    );
    // A case that moved on leaves a zero behind in its old bucket: zeros go, from the first day touched on.
    if (firstDay?.v) {
      const from = g.column === "day" ? firstDay.v : firstDay.v.slice(0, 7);
      await sequelize.query(`DELETE FROM ${g.cases} WHERE ${g.column} >= ? AND cases = 0`, { replacements: [from], transaction });
    }
    await sequelize.query(
      `INSERT INTO ${g.finish} (${key.join(", ")}, finished, on_time)
       SELECT ${g.of(done)}, c.lead_department_id, c.org_unit_id, c.item_id, c.channel, COUNT(*), SUM(CASE WHEN ${done} <= c.due_date THEN 1 ELSE 0 END)
       FROM ${touched} t JOIN cases c ON c.id = t.case_id LEFT JOIN stat_case_states s ON s.case_id = t.case_id
       WHERE c.state = 'completed' AND c.completed_at IS NOT NULL AND (s.case_id IS NULL OR s.state <> 'completed')
       GROUP BY ${g.of(done)}, c.lead_department_id, c.org_unit_id, c.item_id, c.channel
       ${upsert(key, ["finished", "on_time"])}`,
      { replacements: range, transaction },
    );
  }
  await sequelize.query(
    `INSERT INTO stat_case_states (case_id, state) SELECT c.id, c.state FROM ${touched} t JOIN cases c ON c.id = t.case_id WHERE 1 = 1
     ${mysql() ? "ON DUPLICATE KEY UPDATE state = VALUES(state)" : "ON CONFLICT (case_id) DO UPDATE SET state = excluded.state"}`,
    { replacements: range, transaction },
  );
}

const RATINGS = "case_ratings";

/** Folds ratings (lo, hi] — immutable, so each once — into the rating rollups, by rating day and the case's town and channel. */
async function applyRatings(lo: number, hi: number, transaction: Transaction): Promise<void> {
  const rated = chinaDay("r.created_at");
  for (const g of GRAINS) {
    const key = [g.column, ...DIMENSIONS];
    const table = g.column === "day" ? "stat_rating_days" : "stat_rating_months";
    await sequelize.query(
      `INSERT INTO ${table} (${key.join(", ")}, ratings, satisfied)
       SELECT ${g.of(rated)}, r.department_id, c.org_unit_id, r.item_id, c.channel, COUNT(*), SUM(CASE WHEN r.level >= ${SATISFIED_MIN_LEVEL} THEN 1 ELSE 0 END)
       FROM case_ratings r JOIN cases c ON c.id = r.case_id
       WHERE r.id > ? AND r.id <= ?
       GROUP BY ${g.of(rated)}, r.department_id, c.org_unit_id, r.item_id, c.channel
       ${upsert(key, ["ratings", "satisfied"])}`,
      { replacements: [lo, hi], transaction },
    );
  }
}

/** One batch of a log (case_events or case_ratings) after its watermark, in one transaction under the watermark lock. */
async function foldBatch(
  name: string,
  table: string,
  batchSize: number,
  settleMs: number,
  cutoff: Date,
  apply: (lo: number, hi: number, transaction: Transaction) => Promise<void>,
): Promise<{ lo: number; hi: number }> {
  return sequelize.transaction(async (transaction) => {
    const lock = mysql() ? " FOR UPDATE" : "";
    const lo = Number((await scalar(`SELECT last_event_id AS v FROM stat_watermarks WHERE name = ?${lock}`, [name], transaction)) ?? 0);
    // The batch's last row: at most batchSize ids on, and before the first row too young to be settled.
    let hi = await scalar(`SELECT MAX(id) AS v FROM (SELECT id FROM ${table} WHERE id > ? ORDER BY id LIMIT ${batchSize}) b`, [lo], transaction);
    if (hi == null) return { lo, hi: lo };
    if (settleMs > 0) {
      const young = await scalar(`SELECT MIN(id) AS v FROM ${table} WHERE id > ? AND id <= ? AND created_at > ?`, [lo, hi, cutoff], transaction);
      if (young != null) hi = young - 1;
    }
    if (hi <= lo) return { lo, hi: lo };
    await apply(lo, hi, transaction);
    await sequelize.query("UPDATE stat_watermarks SET last_event_id = ?, refreshed_at = ? WHERE name = ?", { replacements: [hi, new Date(), name], transaction });
    return { lo, hi };
  });
}

export interface RefreshReport {
  /** Event ids folded in by this call. */
  events: number;
  /** Rating ids folded in by this call. */
  ratings: number;
  batches: number;
  watermark: number;
}

/**
 * Brings the rollups current with the timeline as of `now` (real time; events younger than the MySQL settle
 * time wait for the next round unless `settleMs` says otherwise). Batches of `batchSize` events, one
 * transaction each; safe to call from several processes at once.
 */
export async function refreshRollups(now: Date = new Date(), options: { batchSize?: number; settleMs?: number; maxBatches?: number } = {}): Promise<RefreshReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const settleMs = options.settleMs ?? (mysql() ? MYSQL_SETTLE_MS : 0);
  const cutoff = new Date(now.getTime() - settleMs);
  const report: RefreshReport = { events: 0, ratings: 0, batches: 0, watermark: 0 };
  // Nothing new (the usual round): answer from reads, without taking the write lock.
  const peek = await sequelize.query<{ w: number | string; m: number | string | null; rw: number | string; rm: number | string | null }>(
    `SELECT (SELECT last_event_id FROM stat_watermarks WHERE name = ?) AS w, (SELECT MAX(id) FROM case_events) AS m,
            (SELECT last_event_id FROM stat_watermarks WHERE name = ?) AS rw, (SELECT MAX(id) FROM case_ratings) AS rm`,
    { replacements: [WATERMARK, RATINGS], type: QueryTypes.SELECT, plain: true },
  );
  const behind = (watermark: unknown, max: unknown) => max != null && Number(max) > Number(watermark);
  report.watermark = Number(peek?.w ?? 0);
  if (peek && !behind(peek.w, peek.m) && !behind(peek.rw, peek.rm)) return report;
  for (;;) {
    if (options.maxBatches != null && report.batches >= options.maxBatches) break;
    const step = await foldBatch(WATERMARK, "case_events", batchSize, settleMs, cutoff, applyEvents);
    report.watermark = step.hi;
    if (step.hi === step.lo) break;
    report.batches++;
    report.events += step.hi - step.lo;
  }
  for (;;) {
    const step = await foldBatch(RATINGS, "case_ratings", batchSize, settleMs, cutoff, applyRatings);
    if (step.hi === step.lo) break;
    report.ratings += step.hi - step.lo;
  }
  return report;
}

/** When the rollups were last brought forward (null before the first refresh). */
export async function rollupsRefreshedAt(): Promise<Date | null> {
  const row = await sequelize.query<{ refreshed_at: Date | string | null }>("SELECT refreshed_at FROM stat_watermarks WHERE name = ?", {
    replacements: [WATERMARK],
    type: QueryTypes.SELECT,
    plain: true,
  });
  return row?.refreshed_at ? new Date(row.refreshed_at) : null;
}

/** The background round: every few seconds in every app process (exactly-once under the watermark lock). */
export function startRollupWorker(intervalMs = 5_000): () => void {
  return runEvery("statistics-rollups", intervalMs, () => refreshRollups());
}
