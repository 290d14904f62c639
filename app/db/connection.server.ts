import fs from "node:fs";
import path from "node:path";
import { DataTypes, Sequelize, Transaction } from "sequelize";
import { databaseConfig } from "./config.server";

function createSequelize(): Sequelize {
  const config = databaseConfig();
  if (config.dialect === "sqlite") {
    fs.mkdirSync(path.dirname(config.storage), { recursive: true });
    const sequelize = new Sequelize({
      dialect: "sqlite",
      storage: config.storage,
      logging: false,
      // IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of deadlocking on upgrade.
      transactionType: Transaction.TYPES.IMMEDIATE,
      pool: { max: 5, min: 0, idle: 10_000 },
    });
    sequelize.addHook("afterConnect", async (connection: unknown) => {
      const db = connection as { configure(option: "busyTimeout", ms: number): void; exec(sql: string, cb: (err: Error | null) => void): void };
      db.configure("busyTimeout", 15_000);
      await new Promise<void>((resolve, reject) =>
        db.exec("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;", (err) => (err ? reject(err) : resolve())),
      );
    });
    return sequelize;
  }
  return new Sequelize(config.url, {
    dialect: "mysql",
    logging: false,
    timezone: "+08:00",
    dialectOptions: { charset: "utf8mb4", dateStrings: false },
    define: { charset: "utf8mb4", collate: "utf8mb4_unicode_ci" },
    pool: { max: 10, min: 0, idle: 10_000 },
  });
}

const globalForDb = globalThis as unknown as { __hallSequelize?: Sequelize };

/** One Sequelize instance per process, kept across dev-server reloads (but not across test files). */
export const sequelize: Sequelize = process.env.VITEST ? createSequelize() : (globalForDb.__hallSequelize ??= createSequelize());

export const isSqlite = () => sequelize.getDialect() === "sqlite";

/** Long text column: MySQL needs LONGTEXT for rendered documents; SQLite has one TEXT type and warns on options. */
export const LONG_TEXT = isSqlite() ? DataTypes.TEXT : DataTypes.TEXT("long");
export const MEDIUM_TEXT = isSqlite() ? DataTypes.TEXT : DataTypes.TEXT("medium");
