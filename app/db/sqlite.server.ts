/**
 * How this app runs SQLite (the embedded default) under Sequelize: connection reuse and settings, one writer at
 * a time per process, checkpoints in the background. Nothing here applies to MySQL/MariaDB.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { QueryTypes, type Sequelize } from "sequelize";

type SqliteDb = {
  configure(option: "busyTimeout", ms: number): void;
  exec(sql: string, cb: (err: Error | null) => void): void;
  uuid?: string;
};

interface SqliteConnectionManager {
  /** Sequelize's open connections by key: "default", and one per running transaction (its id). */
  connections: Record<string, SqliteDb>;
  getConnection(options?: { uuid?: string }): Promise<SqliteDb>;
  releaseConnection(connection: SqliteDb, force?: boolean): void;
}

/** Transaction connections kept open between transactions (they run one at a time; nested ones need a second). */
const IDLE_SQLITE_CONNECTIONS = 2;

/**
 * Sequelize's SQLite dialect opens a new connection for every transaction and closes it at the end, so each
 * transaction paid for opening the file, reading the schema and starting with a cold page cache (measured: a
 * single-row insert transaction took about 1.5 ms, and about 0.6 ms on a kept connection). Here a transaction's connection is kept when it ends and
 * handed to the next one (they are serialized per process, below); a transaction begun inside another's callback
 * gets a second connection. Kept connections stay in Sequelize's own table, so sequelize.close() closes them.
 *
 * Sequelize also never runs `afterConnect` hooks for SQLite, so each new connection is configured here: wait up
 * to 15 s for the write lock instead of failing after 1 s, WAL journal (readers never block the writer), fsync at
 * checkpoints rather than at every commit, and checkpoints mostly left to the background (see below).
 */
export function configureSqliteConnections(sequelize: Sequelize): void {
  const manager = sequelize.connectionManager as unknown as SqliteConnectionManager;
  const open = manager.getConnection.bind(manager);
  const close = manager.releaseConnection.bind(manager);
  const configured = new WeakSet<SqliteDb>();
  const idle: string[] = [];
  let kept = 0;
  manager.getConnection = async (options) => {
    const uuid = options?.uuid;
    const reusable = uuid && uuid !== "default" ? idle.pop() : undefined;
    if (reusable && manager.connections[reusable]) {
      manager.connections[uuid!] = manager.connections[reusable];
      delete manager.connections[reusable];
      return manager.connections[uuid!];
    }
    const db = await open(options);
    if (!configured.has(db)) {
      configured.add(db);
      db.configure("busyTimeout", 15_000);
      await new Promise<void>((resolve, reject) =>
        db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES};`, (err) => (err ? reject(err) : resolve())),
      );
    }
    return db;
  };
  manager.releaseConnection = (connection, force) => {
    const uuid = connection.uuid;
    if (!force && uuid && manager.connections[uuid] === connection && idle.length < IDLE_SQLITE_CONNECTIONS) {
      const key = `idle-${++kept}`;
      delete manager.connections[uuid];
      manager.connections[key] = connection;
      idle.push(key);
      return;
    }
    close(connection, force);
  };
}

/**
 * Runs this process's managed SQLite transactions one at a time. SQLite has one writer anyway, but a transaction
 * waiting for the write lock sleeps inside one of libuv's four worker threads: with four waiting, the holder's
 * own statements find no thread, and everything stalls until the busy timeout. Queued here instead, at most one
 * transaction per process waits on the lock (for another process). A transaction begun inside another one's
 * callback is not queued behind it (that would wait forever).
 */
export function serializeSqliteTransactions(sequelize: Sequelize): void {
  const original = sequelize.transaction.bind(sequelize) as (...args: unknown[]) => Promise<unknown>;
  const queue = writeQueueOf(sequelize);
  (sequelize as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = (...args: unknown[]) => {
    const managed = args.some((a) => typeof a === "function");
    if (!managed) return original(...args);
    return queue(() => original(...args));
  };
}

type WriteQueue = <T>(work: () => Promise<T>) => Promise<T>;
const writeQueues = new WeakMap<Sequelize, WriteQueue>();

/** The process's queue of SQLite write work (transactions, and writeOnOwnConnection); nested work runs at once. */
function writeQueueOf(sequelize: Sequelize): WriteQueue {
  let queue = writeQueues.get(sequelize);
  if (!queue) {
    const inside = new AsyncLocalStorage<true>();
    let tail: Promise<unknown> = Promise.resolve();
    queue = <T>(work: () => Promise<T>): Promise<T> => {
      if (inside.getStore()) return work();
      const result = tail.then(() => inside.run(true, work));
      tail = result.catch(() => undefined);
      return result;
    };
    writeQueues.set(sequelize, queue);
  }
  return queue;
}

let ownConnections = 0;

/**
 * Runs `work` with a connection of its own, in turn with this process's transactions (the same queue): for a
 * write that manages its transaction itself in one call (runBatch in direct.server). The connection is one of the
 * kept transaction connections, and goes back to them afterwards.
 */
export function writeOnOwnConnection<T>(sequelize: Sequelize, work: (connection: unknown) => Promise<T>): Promise<T> {
  return writeQueueOf(sequelize)(async () => {
    const manager = sequelize.connectionManager as unknown as SqliteConnectionManager;
    const uuid = `own-${++ownConnections}`;
    const connection = await manager.getConnection({ uuid });
    connection.uuid = uuid;
    try {
      return await work(connection);
    } finally {
      manager.releaseConnection(connection);
    }
  });
}

/** How often the background checkpoint copies committed WAL pages into the database file. */
const CHECKPOINT_INTERVAL_MS = 1000;
/**
 * WAL pages after which a committing transaction checkpoints by itself: only when the background checkpoints fall
 * behind (SQLite's default is 1000 pages, which put a checkpoint with its fsync into every 50th submission).
 */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;

/**
 * Copies the WAL into the database file once a second from a timer, on Sequelize's shared (non-transaction)
 * connection, instead of inside whichever write transaction happens to cross SQLite's threshold. A PASSIVE
 * checkpoint never blocks writers or readers; it copies what no reader still needs. The timer does not keep the
 * process alive and stops when the Sequelize instance is closed.
 */
export function checkpointInBackground(sequelize: Sequelize): void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    walCheckpoint(sequelize)
      .catch(() => undefined)
      .finally(() => (running = false));
  }, CHECKPOINT_INTERVAL_MS);
  timer.unref();
  const close = sequelize.close.bind(sequelize);
  sequelize.close = () => {
    clearInterval(timer);
    return close();
  };
}

/** One PASSIVE checkpoint: the WAL's size in pages and how many of them are now in the database file. */
export async function walCheckpoint(sequelize: Sequelize): Promise<{ log: number; checkpointed: number }> {
  const row = await sequelize.query<{ log: number; checkpointed: number }>("PRAGMA wal_checkpoint(PASSIVE)", { type: QueryTypes.SELECT, plain: true });
  return { log: Number(row?.log ?? 0), checkpointed: Number(row?.checkpointed ?? 0) };
}
