import fs from "node:fs";
import path from "node:path";
import { DataTypes, Sequelize, Transaction } from "sequelize";
import { databaseConfig } from "./config.server";
import { checkpointInBackground, configureSqliteConnections, serializeSqliteTransactions } from "./sqlite.server";

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
    configureSqliteConnections(sequelize);
    serializeSqliteTransactions(sequelize);
    checkpointInBackground(sequelize);
    return sequelize;
  }
  return new Sequelize(config.url, {
    dialect: "mysql",
    logging: false,
    timezone: "+08:00",
    // multipleStatements: the submission writes its case, first timeline entry and message in one round trip
    // (insertFamily, decision record 007). Every query is built by Sequelize or from escaped literals.
    dialectOptions: { charset: "utf8mb4", dateStrings: false, multipleStatements: true },
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
