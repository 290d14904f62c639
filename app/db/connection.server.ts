import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import { DataTypes, Sequelize, Transaction } from "sequelize";
import { databaseConfig } from "./config.server";

type SqliteDb = { configure(option: "busyTimeout", ms: number): void; exec(sql: string, cb: (err: Error | null) => void): void };

/**
 * Sequelize's SQLite dialect opens a connection per transaction and never runs `afterConnect` hooks, so each
 * new connection is configured here: wait up to 15 s for the write lock instead of failing after 1 s, WAL
 * journal (readers never block the writer), and fsync at checkpoints rather than at every commit.
 */
function configureSqliteConnections(sequelize: Sequelize): void {
  const manager = sequelize.connectionManager as unknown as { getConnection(options?: unknown): Promise<SqliteDb> };
  const open = manager.getConnection.bind(manager);
  const configured = new WeakSet<SqliteDb>();
  manager.getConnection = async (options?: unknown) => {
    const db = await open(options);
    if (!configured.has(db)) {
      configured.add(db);
      db.configure("busyTimeout", 15_000);
      await new Promise<void>((resolve, reject) =>
        db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;", (err) => (err ? reject(err) : resolve())),
      );
    }
    return db;
  };
}

/**
 * Runs this process's managed SQLite transactions one at a time. SQLite has one writer anyway, but a transaction
 * waiting for the write lock sleeps inside one of libuv's four worker threads: with four waiting, the holder's
 * own statements find no thread, and everything stalls until the busy timeout. Queued here instead, at most one
 * transaction per process waits on the lock (for another process). A transaction begun inside another one's
 * callback is not queued behind it (that would wait forever).
 */
function serializeSqliteTransactions(sequelize: Sequelize): void {
  const original = sequelize.transaction.bind(sequelize) as (...args: unknown[]) => Promise<unknown>;
  const inside = new AsyncLocalStorage<true>();
  let tail: Promise<unknown> = Promise.resolve();
  (sequelize as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = (...args: unknown[]) => {
    const managed = args.some((a) => typeof a === "function");
    if (!managed || inside.getStore()) return original(...args);
    const result = tail.then(() => inside.run(true, () => original(...args)));
    tail = result.catch(() => undefined);
    return result;
  };
}

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
