import { sequelize } from "./connection.server";
import { nextSequenceValue } from "./sequence.server";

/**
 * Per-minute request counters kept in the sequences table (shared by every app process), named
 * "rate:<scope>:<client>:<yyyy-MM-ddTHH:mm>" in China time.
 */
const minuteOf = (instant: Date) => new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 16);

/** Counts one request of `client` in the current minute and returns how many it has made in it. */
export async function countThisMinute(scope: string, client: string, now: Date): Promise<number> {
  return sequelize.transaction((t) => nextSequenceValue(`rate:${scope}:${client}:${minuteOf(now)}`, t));
}

/** Drops counters older than ten minutes (they only matter in their own minute). */
export async function forgetOldCounters(now: Date): Promise<void> {
  const cutoff = minuteOf(new Date(now.getTime() - 10 * 60_000));
  await sequelize.query("DELETE FROM sequences WHERE name LIKE 'rate:%' AND SUBSTR(name, LENGTH(name) - 15) < ?", { replacements: [cutoff] });
}
