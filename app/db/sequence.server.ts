import { QueryTypes, type Transaction } from "sequelize";
import { sequelize } from "./connection.server";

/**
 * Next value of a named counter inside the caller's transaction, in one statement. The upsert takes the row's
 * write lock, so concurrent transactions queue on it until the holder commits, and each gets a distinct value.
 */
export async function nextSequenceValue(name: string, transaction: Transaction): Promise<number> {
  if (sequelize.getDialect() === "mysql") {
    // LAST_INSERT_ID(expr) hands the new value back as the statement's insert id.
    const [insertId] = await sequelize.query(
      "INSERT INTO sequences (name, value) VALUES (?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE value = LAST_INSERT_ID(value + 1)",
      { replacements: [name], transaction, type: QueryTypes.INSERT },
    );
    return Number(insertId);
  }
  // The leading comment keeps Sequelize's SQLite dialect from treating this as an INSERT and dropping the
  // RETURNING row.
  const rows = await sequelize.query<{ value: number }>(
    "/* next value */ INSERT INTO sequences (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value",
    { replacements: [name], transaction, type: QueryTypes.SELECT },
  );
  return Number(rows[0].value);
}
