import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface RunningHall {
  url: string;
  /** The server's environment (its DATABASE_URL, for scripts run against the same database). */
  env: NodeJS.ProcessEnv;
  stop: () => Promise<void>;
}

/** A fresh database URL: a new SQLite file, or a new MySQL/MariaDB database when E2E_DATABASE_URL is set. */
async function freshDatabaseUrl(name: string): Promise<string> {
  const mysql = process.env.E2E_DATABASE_URL?.trim();
  if (mysql) {
    const { freshMysqlDatabase } = await import("../support/mysql");
    return freshMysqlDatabase(mysql, `hall_e2e_${name.replace(/\W/g, "_")}`);
  }
  const dir = path.resolve("data", "e2e");
  fs.mkdirSync(dir, { recursive: true });
  const db = path.join(dir, `${name}.sqlite`);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(db + suffix, { force: true });
  return `sqlite:${db}`;
}

/**
 * Serves the production build on a free port against a fresh database (SQLite, or MariaDB with
 * E2E_DATABASE_URL), prepared exactly as `npm start` prepares it (migrate + seed). Requires `npm run build`.
 */
export async function startHall(name: string, extraEnv: Record<string, string> = {}): Promise<RunningHall> {
  if (!fs.existsSync("build/server/index.js")) throw new Error("build/ is missing: run `npm run build` first");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // As `npm start` runs it: the demo unless the test asks for production (HALL_DEMO=off).
  const env = { ...process.env, DATABASE_URL: await freshDatabaseUrl(name), NODE_ENV: "production" as const, HALL_DEMO: "on", HALL_URL: url, ...extraEnv, PORT: String(port), HOST: "127.0.0.1" };
  const prepared = spawnSync("node_modules/.bin/tsx", ["scripts/prepare.ts"], { env, encoding: "utf8" });
  if (prepared.status !== 0) throw new Error(`prepare failed:\n${prepared.stdout}\n${prepared.stderr}`);

  const child: ChildProcess = spawn("node_modules/.bin/remix-serve", ["build/server/index.js"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  let stopping = false;
  // A server that dies mid-test leaves only "connection refused" behind: say why.
  child.once("exit", (code, signal) => {
    if (!stopping) console.error(`hall server exited (${code ?? signal}):\n${output.slice(-4000)}`);
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    env,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (child.exitCode !== null) return resolve();
        const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(killer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}
