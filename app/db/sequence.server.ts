import { QueryTypes, type Transaction } from "sequelize";
import { sequelize } from "./connection.server";

/**
 * Next value of a named counter inside the caller's transaction. The upsert takes the row's write lock, so
 * concurrent transactions queue on it until the holder commits, and each gets a distinct value.
 */
export async function nextSequenceValue(name: string, transaction: Transaction): Promise<number> {
  const upsert =
    sequelize.getDialect() === "mysql"
      ? "INSERT INTO sequences (name, value) VALUES (?, 1) ON DUPLICATE KEY UPDATE value = value + 1"
      : "INSERT INTO sequences (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1";
  await sequelize.query(upsert, { replacements: [name], transaction });
  const rows = await sequelize.query<{ value: number }>("SELECT value FROM sequences WHERE name = ?", {
    replacements: [name],
    transaction,
    type: QueryTypes.SELECT,
  });
  return Number(rows[0].value);
}
