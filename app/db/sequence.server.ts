import type { Transaction } from "sequelize";
import { sequelize } from "./connection.server";
import { execute, returningRow } from "./direct.server";

/**
 * Next value of a named counter inside the caller's transaction, in one statement. The upsert takes the row's
 * write lock, so concurrent transactions queue on it until the holder commits, and each gets a distinct value.
 */
export async function nextSequenceValue(name: string, transaction: Transaction): Promise<number> {
  if (sequelize.getDialect() === "mysql") {
    // LAST_INSERT_ID(expr) hands the new value back as the statement's insert id.
    const { insertId } = await execute(
      transaction,
      "INSERT INTO sequences (name, value) VALUES (?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE value = LAST_INSERT_ID(value + 1)",
      [name],
    );
    return insertId;
  }
  const row = await returningRow(
    transaction,
    "INSERT INTO sequences (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value",
    [name],
  );
  return Number(row!.value);
}

/** The counter's value as the statements before it in the same transaction left it, as an SQL expression. */
export const counterValueSql = (name: string) => `(SELECT value FROM sequences WHERE name = ${sequelize.escape(name)})`;

/**
 * Increments the counter (creating it at 1) only when `source` — `FROM … WHERE …` — yields a row, as one
 * statement of escaped literals for a batch that reads the value back with counterValueSql.
 */
export function counterIncrementSql(name: string, source: string): string {
  const upsert = sequelize.getDialect() === "mysql" ? "ON DUPLICATE KEY UPDATE value = value + 1" : "ON CONFLICT(name) DO UPDATE SET value = value + 1";
  return `INSERT INTO sequences (name, value) SELECT ${sequelize.escape(name)}, 1 ${source} ${upsert}`;
}
