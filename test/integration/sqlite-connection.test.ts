import { QueryTypes, type Transaction } from "sequelize";
import { describe, expect, it } from "vitest";
import { sequelize } from "~/db/connection.server";

const sqlite = sequelize.getDialect() === "sqlite";
const pragma = async (name: string, transaction?: Transaction) =>
  Object.values((await sequelize.query<Record<string, unknown>>(`PRAGMA ${name}`, { type: QueryTypes.SELECT, transaction }))[0])[0];

describe.skipIf(!sqlite)("SQLite connections", () => {
  it("wait for the write lock, use WAL and sync at checkpoints — on the shared connection and in transactions", async () => {
    expect(await pragma("journal_mode")).toBe("wal");
    expect(await pragma("busy_timeout")).toBe(15000);
    const inside = await sequelize.transaction(async (t) => [await pragma("busy_timeout", t), await pragma("synchronous", t), await pragma("foreign_keys", t)]);
    expect(inside).toEqual([15000, 1, 1]);
    await sequelize.close();
  });
});

describe("the database the suite runs on", () => {
  it("is MySQL/MariaDB exactly when TEST_DATABASE_URL names one", () => {
    expect(sequelize.getDialect()).toBe(process.env.TEST_DATABASE_URL?.startsWith("mysql") ? "mysql" : "sqlite");
  });
});
