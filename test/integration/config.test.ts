import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "~/config.server";

const SECRET = "s".repeat(40);
const parse = (vars: Record<string, string>) => parseConfig(vars as NodeJS.ProcessEnv);
const problems = (vars: Record<string, string>) => {
  try {
    parse(vars);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
};

describe("the validated configuration", () => {
  it("is the demo by default, with its conveniences", () => {
    const config = parse({});
    expect(config.mode).toBe("demo");
    expect(config.demoCases).toBe(true);
    expect(config.hallUrl).toBe("http://localhost:3000");
    expect(config.payments?.provider).toBe("mock");
    expect(config.sessionSecret).toEqual({ file: "data/session-secret" });
    expect(parse({ PORT: "8080" }).hallUrl).toBe("http://localhost:8080");
  });

  it("is production whenever NODE_ENV=production and HALL_DEMO is unset; HALL_DEMO decides otherwise", () => {
    expect(problems({ NODE_ENV: "production" })).toEqual(["SESSION_SECRET", "HALL_URL"]);
    expect(parse({ NODE_ENV: "production", HALL_DEMO: "on" }).mode).toBe("demo");
    const production = parse({ HALL_DEMO: "off", SESSION_SECRET: SECRET, HALL_URL: "https://zwfw.ziyang.gov.cn/" });
    expect(production).toMatchObject({ mode: "production", demoCases: false, hallUrl: "https://zwfw.ziyang.gov.cn", payments: null, sessionSecret: { value: SECRET } });
  });

  it("names every bad variable in one Chinese message", () => {
    let message = "";
    try {
      parse({ HALL_DEMO: "off", SESSION_SECRET: "short", HALL_URL: "zwfw.ziyang.gov.cn", PORT: "abc" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^配置有误，大厅未启动/);
    expect(message).toMatch(/SESSION_SECRET：至少 32 个字符/);
    expect(message).toMatch(/HALL_URL：应为完整的网址/);
    expect(message).toMatch(/PORT：应为整数/);
    expect(problems({ HALL_DEMO: "maybe" })).toEqual(["HALL_DEMO"]);
    expect(problems({ HALL_URL: "ftp://example.org" })).toEqual(["HALL_URL"]);
  });

  it("keeps the mock cashier out of production and asks for a callback address with a real provider", () => {
    const base = { HALL_DEMO: "off", SESSION_SECRET: SECRET, HALL_URL: "https://zwfw.ziyang.gov.cn" };
    expect(problems({ ...base, PAYMENT_PROVIDER: "mock" })).toContain("PAYMENT_PROVIDER");
    expect(problems({ ...base, PAYMENT_PROVIDER: "unionpay" })).toEqual(["PAYMENT_CALLBACK_BASE_URL"]);
    expect(parse({ ...base, PAYMENT_PROVIDER: "unionpay", PAYMENT_CALLBACK_BASE_URL: "https://pay.ziyang.gov.cn" }).payments?.callbackBaseUrl).toBe("https://pay.ziyang.gov.cn");
  });

  it("asks for the credentials of the gateways it is told to use", () => {
    expect(problems({ SMS_GATEWAY: "http" })).toEqual(["SMS_HTTP_URL", "SMS_HTTP_APP_KEY", "SMS_HTTP_SECRET"]);
    expect(problems({ EMAIL_GATEWAY: "smtp" })).toEqual(["SMTP_URL"]);
    expect(problems({ EMAIL_GATEWAY: "smtp", SMTP_URL: "http://mail" })).toEqual(["SMTP_URL"]);
  });
});

describe("starting in production mode", () => {
  const clean = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };
  const run = (script: string, args: string[], env: Record<string, string>) =>
    spawnSync("node_modules/.bin/tsx", [script, ...args], { env: { ...clean, ...env } as unknown as NodeJS.ProcessEnv, encoding: "utf8", timeout: 60_000 });

  it("stops with the missing variable named, seeds nothing of the demo, and creates the first admin from the command line", async () => {
    // On SQLite only: this starts separate processes against their own database file.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hall-production-"));
    const db = `sqlite:${path.join(dir, "hall.sqlite")}`;
    const production = { DATABASE_URL: db, HALL_DEMO: "off", HALL_URL: "https://zwfw.example.gov.cn" };

    const refused = run("scripts/prepare.ts", [], production);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/SESSION_SECRET：生产模式/);

    const prepared = run("scripts/prepare.ts", [], { ...production, SESSION_SECRET: SECRET });
    expect(prepared.status).toBe(0);
    expect(prepared.stdout).toMatch(/生产模式（HALL_DEMO=off）：不创建演示数据/);
    expect(prepared.stdout).toMatch(/npm run create-admin/);
    expect(prepared.stdout).not.toMatch(/Ziyang2026/);

    const onCommandLine = run("scripts/create-admin.ts", ["--username", "zx_admin", "--name", "张晓", "--password", "Admin2026x"], { ...production, SESSION_SECRET: SECRET });
    expect(onCommandLine.status).toBe(2);
    expect(onCommandLine.stderr).toMatch(/不要在命令行上写密码/);
    const noPassword = run("scripts/create-admin.ts", ["--username", "zx_admin", "--name", "张晓"], { ...production, SESSION_SECRET: SECRET });
    expect(noPassword.status).toBe(2);
    expect(noPassword.stderr).toMatch(/HALL_ADMIN_PASSWORD/);
    const created = run("scripts/create-admin.ts", ["--username", "zx_admin", "--name", "张晓"], { ...production, SESSION_SECRET: SECRET, HALL_ADMIN_PASSWORD: "Admin2026x" });
    expect(created.stderr).toBe("");
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(/已创建政务服务中心管理员 zx_admin/);

    // What is in the database: the admin, the calendar, and nothing of the demo.
    const { Sequelize, QueryTypes } = await import("sequelize");
    const check = new Sequelize(db, { logging: false });
    try {
      const users = await check.query<{ username: string; role: string }>("SELECT username, role FROM users", { type: QueryTypes.SELECT });
      expect(users).toEqual([{ username: "zx_admin", role: "center_admin" }]);
      for (const table of ["departments", "org_units", "service_items", "cases"]) {
        const [{ n }] = await check.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`, { type: QueryTypes.SELECT });
        expect(n, table).toBe(0);
      }
      const [{ days }] = await check.query<{ days: number }>("SELECT COUNT(*) AS days FROM calendar_days", { type: QueryTypes.SELECT });
      expect(days).toBeGreaterThan(0);
    } finally {
      await check.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
