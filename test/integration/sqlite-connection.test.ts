import { QueryTypes, Transaction } from "sequelize";
import { describe, expect, it } from "vitest";
import { sequelize } from "~/db/connection.server";
import { walCheckpoint } from "~/db/sqlite.server";

const sqlite = sequelize.getDialect() === "sqlite";
const pragma = async (name: string, transaction?: Transaction) =>
  Object.values((await sequelize.query<Record<string, unknown>>(`PRAGMA ${name}`, { type: QueryTypes.SELECT, transaction }))[0])[0];

const driverConnection = (t: Transaction) => (t as unknown as { connection: object }).connection;

describe.skipIf(!sqlite)("SQLite connections", () => {
  it("are kept between transactions: the next transaction gets the previous one's connection", async () => {
    const first = await sequelize.transaction(async (t) => driverConnection(t));
    const second = await sequelize.transaction(async (t) => driverConnection(t));
    expect(second).toBe(first);
  });

  it("give a transaction begun inside another one a connection of its own", async () => {
    const [outer, inner] = await sequelize.transaction(async (t) => {
      const nested = await sequelize.transaction({ type: Transaction.TYPES.DEFERRED }, async (n) => driverConnection(n));
      return [driverConnection(t), nested];
    });
    expect(inner).not.toBe(outer);
    // Both are kept and handed out again.
    const next = await sequelize.transaction(async (t) => driverConnection(t));
    expect([outer, inner]).toContain(next);
  });

  it("leave checkpoints to the background: commits checkpoint only past 10,000 WAL pages; a checkpoint copies all", async () => {
    expect(await sequelize.transaction(async (t) => pragma("wal_autocheckpoint", t))).toBe(10000);
    await sequelize.query("CREATE TABLE IF NOT EXISTS checkpoint_probe (v TEXT)");
    await sequelize.transaction(async (t) => {
      for (let i = 0; i < 50; i++) await sequelize.query("INSERT INTO checkpoint_probe (v) VALUES (?)", { replacements: ["x".repeat(2000)], transaction: t });
    });
    const result = await walCheckpoint(sequelize);
    expect(result.log).toBeGreaterThan(0);
    expect(result.checkpointed).toBe(result.log);
  });

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
