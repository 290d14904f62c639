/**
 * The benchmark's own database, prepared before any app module is imported (the app reads DATABASE_URL once,
 * when its connection module loads). Nothing here imports from app/.
 */
import fs from "node:fs";
import path from "node:path";

export const DEFAULT_URL = "sqlite:data/bench/cases.sqlite";

export type Target =
  | { dialect: "sqlite"; url: string; file: string }
  | { dialect: "mysql"; url: string; database: string; server: { host: string; port: number; user: string; password: string } };

/** DATABASE_URL, or the dedicated SQLite file when it is unset; sets process.env.DATABASE_URL accordingly. */
export function benchTarget(): Target {
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_URL;
  process.env.DATABASE_URL = url;
  if (url.startsWith("sqlite:")) return { dialect: "sqlite", url, file: path.resolve(url.replace(/^sqlite:(\/\/)?/, "")) };
  if (/^(mysql|mariadb):\/\//.test(url)) {
    const parsed = new URL(url.replace(/^mariadb:/, "mysql:"));
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
    if (!/^\w+$/.test(database)) throw new Error(`DATABASE_URL must name a database, e.g. mysql://root@127.0.0.1:3306/hall_bench (got "${database}")`);
    return {
      dialect: "mysql",
      url,
      database,
      server: {
        host: parsed.hostname,
        port: Number(parsed.port || 3306),
        user: decodeURIComponent(parsed.username),
        password: decodeURIComponent(parsed.password),
      },
    };
  }
  throw new Error(`unsupported DATABASE_URL ${url.split(":")[0]}: use sqlite:… or mysql://…`);
}

/** What the target database already holds. */
export interface Inventory {
  /** Cases a completed generation left (bench_meta), 0 when none. */
  generated: number;
  /** The database has cases but no bench_meta: it is not the benchmark's, and is never touched. */
  foreign: boolean;
}

async function sqliteInventory(file: string): Promise<Inventory> {
  if (!fs.existsSync(file)) return { generated: 0, foreign: false };
  const sqlite3 = (await import("sqlite3")).default;
  const db = await new Promise<import("sqlite3").Database>((resolve, reject) => {
    const handle = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => (err ? reject(err) : resolve(handle)));
  });
  const get = (sql: string) =>
    new Promise<Record<string, unknown> | undefined>((resolve, reject) => db.get(sql, (err: Error | null, row: Record<string, unknown>) => (err ? reject(err) : resolve(row))));
  try {
    const tables = new Set(
      await new Promise<string[]>((resolve, reject) =>
        db.all("SELECT name FROM sqlite_master WHERE type = 'table'", (err: Error | null, rows: Array<{ name: string }>) => (err ? reject(err) : resolve(rows.map((r) => r.name)))),
      ),
    );
    if (tables.has("bench_meta")) {
      const row = await get("SELECT value FROM bench_meta WHERE name = 'generated_cases'");
      return { generated: Number(row?.value ?? 0), foreign: false };
    }
    const hasCases = tables.has("cases") && (await get("SELECT 1 AS one FROM cases LIMIT 1")) != null;
    return { generated: 0, foreign: hasCases };
  } finally {
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

async function mysqlAdmin(target: Extract<Target, { dialect: "mysql" }>) {
  const { createConnection } = await import("mysql2/promise");
  return createConnection({ ...target.server, multipleStatements: false });
}

async function mysqlInventory(target: Extract<Target, { dialect: "mysql" }>): Promise<Inventory> {
  const admin = await mysqlAdmin(target);
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${target.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const [tables] = await admin.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ?", [target.database]);
    const names = new Set((tables as Array<{ name: string }>).map((t) => t.name));
    if (names.has("bench_meta")) {
      const [rows] = await admin.query(`SELECT value FROM \`${target.database}\`.bench_meta WHERE name = 'generated_cases'`);
      return { generated: Number((rows as Array<{ value: string }>)[0]?.value ?? 0), foreign: false };
    }
    if (!names.has("cases")) return { generated: 0, foreign: false };
    const [rows] = await admin.query(`SELECT 1 AS one FROM \`${target.database}\`.cases LIMIT 1`);
    return { generated: 0, foreign: (rows as unknown[]).length > 0 };
  } finally {
    await admin.end();
  }
}

export function inventory(target: Target): Promise<Inventory> {
  return target.dialect === "sqlite" ? sqliteInventory(target.file) : mysqlInventory(target);
}

/** Empties the benchmark database so generation starts from a clean schema (never called on a foreign one). */
export async function resetDatabase(target: Target): Promise<void> {
  if (target.dialect === "sqlite") {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(target.file + suffix, { force: true });
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
    return;
  }
  const admin = await mysqlAdmin(target);
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${target.database}\``);
    await admin.query(`CREATE DATABASE \`${target.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
}

export function databaseSizeMb(target: Target): number | null {
  if (target.dialect !== "sqlite") return null;
  let bytes = 0;
  for (const suffix of ["", "-wal"]) if (fs.existsSync(target.file + suffix)) bytes += fs.statSync(target.file + suffix).size;
  return Math.round(bytes / 1048576);
}
