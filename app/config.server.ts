/**
 * The hall's configuration: every environment variable is read and validated here, once, at start. A bad or
 * missing value stops the start with a message naming the variable (README, "Configuration").
 *
 * Two modes: the demo (the default of `npm start` on a fresh clone: the demo county, its accounts, the mock
 * cashier) and production (`HALL_DEMO=off`, the default whenever NODE_ENV=production and HALL_DEMO is unset:
 * nothing of the demo, and the secrets below must be set — never defaulted).
 */
import { z } from "zod";

const onOff = (fallback: "on" | "off") => z.enum(["on", "off"], { message: "应为 on 或 off" }).default(fallback);
const integer = (fallback: number, min = 1) => z.coerce.number({ message: "应为整数" }).int("应为整数").min(min, `不能小于 ${min}`).default(fallback);
const optionalText = z.string().trim().min(1).optional();
const httpUrl = z
  .string()
  .trim()
  .url("应为完整的网址，如 https://zwfw.ziyang.gov.cn")
  .refine((u) => /^https?:\/\//.test(u), "应以 http:// 或 https:// 开头")
  .transform((u) => u.replace(/\/+$/, ""));

const DEMO_SESSION_SECRET_FILE = "data/session-secret";
const DEMO_MOCK_SECRET = "ziyang-hall-mock-payment-dev-secret";

const schema = z
  .object({
    NODE_ENV: z.string().optional(),
    HALL_DEMO: z.enum(["on", "off"], { message: "应为 on 或 off" }).optional(),
    HALL_DEMO_CASES: onOff("on"),
    DATABASE_URL: optionalText,
    SESSION_SECRET: z.string().trim().min(32, "至少 32 个字符").optional(),
    COOKIE_SECURE: z.enum(["0", "1"], { message: "应为 0 或 1" }).default("0"),
    PORT: integer(3000),
    HALL_URL: httpUrl.optional(),
    UPLOAD_DIR: z.string().trim().min(1).default("data/uploads"),
    CHROMIUM_PATH: z.string().trim().min(1).default("/usr/bin/chromium"),
    HALL_SCHEDULER: onOff("on"),
    HALL_SCHEDULER_INTERVAL_MS: integer(60_000, 100),
    HALL_OUTBOX_INTERVAL_MS: integer(5_000, 100),
    HALL_OUTBOX_RETRY_BASE_MS: integer(30_000, 1),
    HALL_STATS_INTERVAL_MS: integer(5_000, 100),
    SMS_GATEWAY: optionalText,
    MESSAGE_GATEWAY: optionalText,
    SMS_HTTP_URL: httpUrl.optional(),
    SMS_HTTP_APP_KEY: optionalText,
    SMS_HTTP_SECRET: optionalText,
    SMS_PER_NUMBER_PER_MINUTE: integer(3),
    EMAIL_GATEWAY: z.string().trim().min(1).default("console"),
    SMTP_URL: z.string().trim().regex(/^smtps?:\/\//, "应为 smtp://用户:密码@主机:端口 或 smtps://…").optional(),
    SMTP_FROM: z.string().trim().min(1).default("紫阳县网上办事大厅 <noreply@ziyang.gov.cn>"),
    PAYMENT_PROVIDER: optionalText,
    PAYMENT_MOCK_SECRET: optionalText,
    PAYMENT_TIMEOUT_MINUTES: integer(15),
    PAYMENT_CALLBACK_BASE_URL: httpUrl.optional(),
    HALL_CLOCK_FILE: optionalText,
  });

/**
 * The rules between variables, checked on the raw values even when some field is invalid, so one message
 * names every problem.
 */
function crossProblems(env: Record<string, string>): Array<{ variable: string; message: string }> {
  const out: Array<{ variable: string; message: string }> = [];
  const require = (name: string, why: string) => {
    if (env[name] === undefined) out.push({ variable: name, message: why });
  };
  const production = (env.HALL_DEMO ?? (env.NODE_ENV === "production" ? "off" : "on")) === "off";
  if (production) {
    require("SESSION_SECRET", "生产模式（HALL_DEMO=off）下必须设置，至少 32 个字符的随机字符串");
    require("HALL_URL", "生产模式下必须设置为大厅的公网地址，短信和邮件中的链接使用它");
    if (env.PAYMENT_PROVIDER === "mock") out.push({ variable: "PAYMENT_PROVIDER", message: "模拟收银台只用于演示，生产模式下不能使用" });
    else if (env.PAYMENT_PROVIDER) require("PAYMENT_CALLBACK_BASE_URL", "启用网上支付时必须设置支付回调地址");
  }
  const sms = env.SMS_GATEWAY ?? env.MESSAGE_GATEWAY ?? "console";
  if (sms === "http") for (const name of ["SMS_HTTP_URL", "SMS_HTTP_APP_KEY", "SMS_HTTP_SECRET"]) require(name, "SMS_GATEWAY=http 时必须设置");
  if (env.EMAIL_GATEWAY === "smtp") require("SMTP_URL", "EMAIL_GATEWAY=smtp 时必须设置");
  return out;
}

export type RawEnvironment = z.infer<typeof schema>;

export interface HallConfig {
  mode: "demo" | "production";
  /** Demo only: the known-count historical cases for the supervision dashboards. */
  demoCases: boolean;
  databaseUrl: string | undefined;
  /** The secret that signs session cookies; in the demo, a random one kept in data/session-secret. */
  sessionSecret: { value: string } | { file: string };
  cookieSecure: boolean;
  port: number;
  /** The hall's public address, without a trailing slash: links in messages, payment callbacks. */
  hallUrl: string;
  uploadDir: string;
  chromiumPath: string;
  scheduler: { enabled: boolean; intervalMs: number; outboxIntervalMs: number; outboxRetryBaseMs: number; statsIntervalMs: number };
  sms: { gateway: string; http: { url: string; appKey: string; secret: string } | null; perNumberPerMinute: number };
  email: { gateway: string; smtpUrl: string | null; from: string };
  /** null: online payment is off (fees are paid at the window). The mock cashier exists only in the demo. */
  payments: { provider: string; mockSecret: string; timeoutMinutes: number; callbackBaseUrl: string | null } | null;
  clockFile: string | null;
}

/** A configuration that cannot start the hall; the message names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: Array<{ variable: string; message: string }>) {
    super(`配置有误，大厅未启动：\n${problems.map((p) => `  ${p.variable}：${p.message}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Validates an environment (process.env by default) into the hall's configuration; throws ConfigError. */
export function parseConfig(source: NodeJS.ProcessEnv = process.env): HallConfig {
  // Empty values count as unset, as they do in most deployment tools.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const result = schema.safeParse(cleaned);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? "环境变量"), message: issue.message }))),
    ...crossProblems(cleaned as Record<string, string>),
  ];
  if (problems.length || !result.success) throw new ConfigError(problems);
  const env = result.data;
  const mode = (env.HALL_DEMO ?? (env.NODE_ENV === "production" ? "off" : "on")) === "on" ? "demo" : "production";
  const hallUrl = env.HALL_URL ?? `http://localhost:${env.PORT}`;
  const provider = env.PAYMENT_PROVIDER ?? (mode === "demo" ? "mock" : null);
  return {
    mode,
    demoCases: mode === "demo" && env.HALL_DEMO_CASES === "on",
    databaseUrl: env.DATABASE_URL,
    sessionSecret: env.SESSION_SECRET ? { value: env.SESSION_SECRET } : { file: DEMO_SESSION_SECRET_FILE },
    cookieSecure: env.COOKIE_SECURE === "1",
    port: env.PORT,
    hallUrl,
    uploadDir: env.UPLOAD_DIR,
    chromiumPath: env.CHROMIUM_PATH,
    scheduler: {
      enabled: env.HALL_SCHEDULER === "on",
      intervalMs: env.HALL_SCHEDULER_INTERVAL_MS,
      outboxIntervalMs: env.HALL_OUTBOX_INTERVAL_MS,
      outboxRetryBaseMs: env.HALL_OUTBOX_RETRY_BASE_MS,
      statsIntervalMs: env.HALL_STATS_INTERVAL_MS,
    },
    sms: {
      gateway: env.SMS_GATEWAY ?? env.MESSAGE_GATEWAY ?? "console",
      http: env.SMS_HTTP_URL && env.SMS_HTTP_APP_KEY && env.SMS_HTTP_SECRET ? { url: env.SMS_HTTP_URL, appKey: env.SMS_HTTP_APP_KEY, secret: env.SMS_HTTP_SECRET } : null,
      perNumberPerMinute: env.SMS_PER_NUMBER_PER_MINUTE,
    },
    email: { gateway: env.EMAIL_GATEWAY, smtpUrl: env.SMTP_URL ?? null, from: env.SMTP_FROM },
    payments: provider
      ? {
          provider,
          mockSecret: env.PAYMENT_MOCK_SECRET ?? DEMO_MOCK_SECRET,
          timeoutMinutes: env.PAYMENT_TIMEOUT_MINUTES,
          callbackBaseUrl: env.PAYMENT_CALLBACK_BASE_URL ?? env.HALL_URL ?? null,
        }
      : null,
    clockFile: env.HALL_CLOCK_FILE ?? null,
  };
}

let loaded: HallConfig | null = null;

/**
 * The process's configuration, validated on first use — at start, in scripts/prepare.ts and entry.server.tsx.
 * Outside tests a bad configuration ends the process with the message naming each variable, not a stack trace.
 */
export function config(): HallConfig {
  if (loaded) return loaded;
  try {
    return (loaded = parseConfig());
  } catch (error) {
    if (!(error instanceof ConfigError) || process.env.VITEST) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
