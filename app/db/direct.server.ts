import { UniqueConstraintError, type Transaction } from "sequelize";
import { isSqlite, sequelize } from "./connection.server";
import { writeOnOwnConnection } from "./sqlite.server";

/**
 * Statements on the driver connection (mysql2 or node-sqlite3), past Sequelize's query pipeline, for the hot
 * writes: the submission's batch (runBatch), and prepared statements for timeline entries, outbox messages and
 * counters written by the case actions (execute, returningRow), where parsing and planning the statement again
 * each time and that pipeline (options cloning, hooks, stack capture, result formatting) cost more than the
 * write. Prepared statements are prepared once per connection — mysql2 keeps its own cache per connection,
 * SQLite's are kept here — and run with bound values. A unique-key violation comes back as Sequelize's
 * UniqueConstraintError, as it would from sequelize.query.
 */

type Value = string | number | null;

interface MysqlConnection {
  execute(sql: string, values: Value[], cb: (err: DriverError | null, result: { insertId: number; affectedRows: number }) => void): void;
  query(sql: string, cb: (err: DriverError | null, results: unknown[]) => void): void;
}
interface SqliteStatement {
  run(values: Value[], cb: (this: { lastID: number; changes: number }, err: DriverError | null) => void): void;
  all(values: Value[], cb: (err: DriverError | null, rows: Array<Record<string, unknown>>) => void): void;
  finalize(cb: () => void): void;
}
interface SqliteConnection {
  prepare(sql: string, cb: (err: DriverError | null) => void): SqliteStatement;
  exec(sql: string, cb: (err: DriverError | null) => void): void;
  all(sql: string, cb: (err: DriverError | null, rows: Array<Record<string, unknown>>) => void): void;
  close(cb?: (err: Error | null) => void): void;
}
type DriverError = Error & { errno?: number; code?: string; sql?: string };

const connectionOf = (transaction: Transaction) => (transaction as unknown as { connection: unknown }).connection;

/** The configured time zone as minutes east of UTC, when it is an offset ("+08:00"); null for a named zone. */
const timeZone = (sequelize as unknown as { options: { timezone?: string } }).options.timezone ?? "+00:00";
const offsetMinutes = (() => {
  const zone = /^([+-])(\d{2}):(\d{2})$/.exec(timeZone);
  return zone ? (zone[1] === "-" ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) : null;
})();

/**
 * A date as Sequelize writes it (the text inside its escaped literal): the connection's time zone, SQLite
 * "YYYY-MM-DD HH:mm:ss.SSS +00:00", MySQL "YYYY-MM-DD HH:mm:ss" — formatted here without moment.js, which cost
 * more than the rest of a row; a named time zone goes through Sequelize. Tested equal to sequelize.escape.
 */
export function dateText(date: Date): string {
  if (offsetMinutes === null) return sequelize.escape(date as unknown as string).slice(1, -1);
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000).toISOString();
  return isSqlite() ? `${shifted.slice(0, 10)} ${shifted.slice(11, 23)} ${timeZone}` : `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}

/** A value as the driver binds it: dates as Sequelize writes them (dateText), booleans as 1/0. */
function bindable(value: unknown): Value {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return dateText(value);
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" || typeof value === "number") return value;
  throw new TypeError(`cannot bind ${typeof value}`);
}

function translated(error: DriverError, sql: string): Error {
  error.sql = sql;
  const duplicate = error.errno === 1062 || (error.code === "SQLITE_CONSTRAINT" && /UNIQUE/.test(error.message));
  return duplicate ? new UniqueConstraintError({ message: error.message, parent: error as Error & { sql: string } }) : error;
}

const sqliteStatements = new WeakMap<SqliteConnection, Map<string, Promise<SqliteStatement>>>();

/**
 * The connection's prepared statements. SQLite refuses to close a connection that still has some, so the first
 * time one is kept for a connection, its close() is made to finalize them first.
 */
function statementsOf(connection: SqliteConnection): Map<string, Promise<SqliteStatement>> {
  let cache = sqliteStatements.get(connection);
  if (!cache) {
    const statements = (cache = new Map<string, Promise<SqliteStatement>>());
    sqliteStatements.set(connection, statements);
    const close = connection.close.bind(connection);
    connection.close = (cb) => {
      const finalized = [...statements.values()].map((p) => p.then((s) => new Promise<void>((done) => s.finalize(done)), () => undefined));
      statements.clear();
      void Promise.all(finalized).then(() => close(cb));
    };
  }
  return cache;
}

/** The connection's prepared statement for this SQL, prepared on first use. */
function sqliteStatement(connection: SqliteConnection, sql: string): Promise<SqliteStatement> {
  const cache = statementsOf(connection);
  let statement = cache.get(sql);
  if (!statement) {
    statement = new Promise((resolve, reject) => {
      const prepared = connection.prepare(sql, (err) => (err ? reject(translated(err, sql)) : resolve(prepared)));
    });
    statement.catch(() => cache.delete(sql));
    cache.set(sql, statement);
  }
  return statement;
}

/** Runs an INSERT/UPDATE/DELETE: the new row's id (MySQL: also LAST_INSERT_ID(expr)) and the rows changed. */
export async function execute(transaction: Transaction, sql: string, values: unknown[]): Promise<{ insertId: number; changes: number }> {
  const bound = values.map(bindable);
  const connection = connectionOf(transaction);
  if (isSqlite()) {
    const statement = await sqliteStatement(connection as SqliteConnection, sql);
    return new Promise((resolve, reject) =>
      statement.run(bound, function (err) {
        if (err) reject(translated(err, sql));
        else resolve({ insertId: this.lastID, changes: this.changes });
      }),
    );
  }
  return new Promise((resolve, reject) =>
    (connection as MysqlConnection).execute(sql, bound, (err, result) => {
      if (err) reject(translated(err, sql));
      else resolve({ insertId: Number(result.insertId), changes: result.affectedRows });
    }),
  );
}

/** Runs a statement that returns one row (SQLite's INSERT … RETURNING). */
export async function returningRow(transaction: Transaction, sql: string, values: unknown[]): Promise<Record<string, unknown> | undefined> {
  if (!isSqlite()) throw new Error("returningRow is for SQLite");
  const statement = await sqliteStatement(connectionOf(transaction) as SqliteConnection, sql);
  const bound = values.map(bindable);
  // all() steps the statement to its end, so it is not left in progress inside the transaction.
  return new Promise((resolve, reject) => statement.all(bound, (err, rows) => (err ? reject(translated(err, sql)) : resolve(rows[0]))));
}

/**
 * Write statements and then one read, as one batch: inside the caller's transaction, or — without one — in a
 * transaction of their own that the batch itself opens and commits, so that on MySQL the whole of it is a single
 * round trip (a multi-statement query; the connections allow them, see connection.server; the read comes before
 * the COMMIT) and on SQLite two calls into the driver (the transaction, then the read), in turn with the
 * process's other writes. The statements hold escaped literals only. The first failing statement stops the batch; its transaction is rolled back and its
 * error (a duplicate key as UniqueConstraintError) is what comes back. Returns the read's rows.
 */
export async function runBatch(writes: string[], read: string, transaction?: Transaction): Promise<Array<Record<string, unknown>>> {
  const sql = writes.join(";\n");
  if (isSqlite()) {
    // SQLite reads after its own COMMIT, still in this process's turn: only another process republishing the
    // item in that instant can hide the new row from the read (the caller then finds it by its key instead).
    const work = async (connection: SqliteConnection, own: boolean) => {
      try {
        await exec(connection, own ? `BEGIN IMMEDIATE;\n${sql};\nCOMMIT` : sql);
      } catch (error) {
        if (own) await exec(connection, "ROLLBACK").catch(() => undefined);
        throw translated(error as DriverError, sql);
      }
      return new Promise<Array<Record<string, unknown>>>((resolve, reject) => connection.all(read, (err, r) => (err ? reject(translated(err, read)) : resolve(r))));
    };
    return transaction
      ? work(connectionOf(transaction) as SqliteConnection, false)
      : writeOnOwnConnection(sequelize, (connection) => work(connection as SqliteConnection, true));
  }
  const results = async (connection: MysqlConnection, text: string) =>
    new Promise<unknown[]>((resolve, reject) => connection.query(text, (err, r) => (err ? reject(err) : resolve(r))));
  if (transaction) {
    const out = await results(connectionOf(transaction) as MysqlConnection, `${sql};\n${read}`).catch((error: DriverError) => {
      throw translated(error, sql);
    });
    return out[out.length - 1] as Array<Record<string, unknown>>;
  }
  const manager = sequelize.connectionManager as unknown as { getConnection(): Promise<MysqlConnection>; releaseConnection(c: MysqlConnection): void };
  const connection = await manager.getConnection();
  try {
    const out = await results(connection, `START TRANSACTION;\n${sql};\n${read};\nCOMMIT`);
    return out[out.length - 2] as Array<Record<string, unknown>>;
  } catch (error) {
    await results(connection, "ROLLBACK").catch(() => undefined);
    throw translated(error as DriverError, sql);
  } finally {
    manager.releaseConnection(connection);
  }
}

const exec = (connection: SqliteConnection, sql: string) =>
  new Promise<void>((resolve, reject) => connection.exec(sql, (err) => (err ? reject(err) : resolve())));
