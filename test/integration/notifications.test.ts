import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "~/cases/desk.server";
import { submitApplication } from "~/cases/submit.server";
import { setNotifyOptOut } from "~/identity/accounts.server";
import { User } from "~/identity/models.server";
import type { CurrentUser } from "~/identity/session.server";
import { parseConfig } from "~/config.server";
import { configuredGateways } from "~/notify/config.server";
import type { MessageGateway } from "~/notify/gateways.server";
import { httpSmsGateway, type HttpSmsConfig } from "~/notify/http-sms.server";
import { OutboxMessage } from "~/notify/models.server";
import { sendReviewerReminders } from "~/notify/reminders.server";
import { smtpGateway } from "~/notify/smtp.server";
import { backoffMs, deliverDue, MAX_ATTEMPTS } from "~/notify/worker.server";
import { freshDatabase, itemByName, userNamed } from "../support/db";
import { startFakeSmsGateway } from "../support/fake-sms-gateway";
import { startFakeSmtp } from "../support/fake-smtp";
import { ENTERPRISE_OPENING, enterpriseOpeningData, newKey } from "../support/fixtures";

const KEY = { appKey: "ziyang-hall", secret: "s3cret-for-tests" };
const T0 = new Date("2026-11-26T02:00:00Z"); // Thursday 10:00 in China
const later = (ms: number) => new Date(T0.getTime() + ms);
const fakes: Array<{ close(): Promise<void> }> = [];

let citizen: CurrentUser;
let lead: CurrentUser;

async function submitCase(user: CurrentUser, now: Date, mobile?: string) {
  const item = await itemByName(ENTERPRISE_OPENING);
  const result = await submitApplication({ user, itemId: item.id, versionId: item.publishedVersionId!, formData: enterpriseOpeningData(mobile ? { mobile } : {}), submissionKey: newKey(), now });
  if ("errors" in result) throw new Error(JSON.stringify(result.errors));
  return result.case;
}

const config = (url: string, overrides: Partial<HttpSmsConfig> = {}): HttpSmsConfig => ({ url, ...KEY, perNumberPerMinute: 100, timeoutMs: 5_000, ...overrides });

beforeAll(async () => {
  await freshDatabase();
  citizen = await userNamed("13912345678");
  lead = await userNamed("reviewer_scjg");
});

afterAll(async () => {
  for (const fake of fakes) await fake.close();
});

describe("SMS through the HTTP gateway adapter", () => {
  it("delivers every message exactly once and in order per recipient, though the gateway fails twice, a send is lost in a crash and the worker restarts", async () => {
    await OutboxMessage.destroy({ where: {} });
    const gateway = await startFakeSmsGateway({ ...KEY, failFirst: 2 });
    fakes.push(gateway);
    const a = await submitCase(citizen, T0, "13900000001");
    const b = await submitCase(citizen, T0, "13900000002");
    await actOnCase(lead, a.id, { type: "accept" }, T0);
    await actOnCase(lead, b.id, { type: "accept" }, T0);
    await submitCase(citizen, T0, "13900000001");
    await OutboxMessage.update({ nextAttemptAt: T0 }, { where: {} });
    const expected = await OutboxMessage.findAll({ order: [["id", "ASC"]] });
    expect(expected.length).toBe(5);

    const http = httpSmsGateway(config(gateway.url));
    // The first accepted send of message `a`'s acceptance "crashes" before the worker can record it.
    let crashed = false;
    const crashing: MessageGateway = {
      name: "crashing",
      async send(message, context) {
        await http.send(message, context);
        if (!crashed && message.template === "case_accepted") {
          crashed = true;
          throw new Error("进程在记录发送结果前退出");
        }
      },
    };
    let t = 0;
    for (let round = 0; round < 30 && (await OutboxMessage.count({ where: { status: "pending" } })) > 0; round++) {
      // Each round is a fresh worker (deliverDue keeps no state between calls): a stop and restart.
      await deliverDue(round < 3 ? crashing : { sms: http, email: http }, later(t));
      t += backoffMs(MAX_ATTEMPTS);
    }
    expect(crashed).toBe(true);
    expect(await OutboxMessage.count({ where: { status: "sent" } })).toBe(5);
    const ids = gateway.received.map((r) => r.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(expected.map((m) => `hall-${m.id}`).sort());
    for (const mobile of ["13900000001", "13900000002"]) {
      const order = gateway.received.filter((r) => r.mobile === mobile).map((r) => Number(r.messageId.slice(5)));
      expect(order).toEqual(expected.filter((m) => m.recipient === mobile).map((m) => m.id));
    }
    expect(gateway.received.find((r) => r.messageId === `hall-${expected[0].id}`)!.content).toContain(a.trackingNumber);
    expect(gateway.stats().requests).toBeGreaterThan(6);
  });

  it("signs every request: a wrong secret is refused by the provider and nothing is delivered", async () => {
    await OutboxMessage.destroy({ where: {} });
    const gateway = await startFakeSmsGateway(KEY);
    fakes.push(gateway);
    await submitCase(citizen, T0);
    await OutboxMessage.update({ nextAttemptAt: T0 }, { where: {} });
    const report = await deliverDue(httpSmsGateway(config(gateway.url, { secret: "wrong" })), T0);
    expect(report).toMatchObject({ sent: 0, failed: 1 });
    expect(gateway.stats().rejectedSignatures).toBe(1);
    expect(gateway.received).toEqual([]);
    expect((await OutboxMessage.findOne())!.lastError).toMatch(/短信网关返回 401/);
  });

  it("holds back messages over the per-number limit until the next minute without using up attempts", async () => {
    await OutboxMessage.destroy({ where: {} });
    const gateway = await startFakeSmsGateway(KEY);
    fakes.push(gateway);
    for (let i = 0; i < 4; i++) await submitCase(citizen, T0, "13900000003");
    await OutboxMessage.update({ nextAttemptAt: T0 }, { where: {} });
    const http = httpSmsGateway(config(gateway.url, { perNumberPerMinute: 2 }));
    expect(await deliverDue(http, T0)).toMatchObject({ sent: 2, deferred: 1 });
    expect(await deliverDue(http, later(30_000))).toMatchObject({ sent: 0, deferred: 0 }); // waiting for the next minute
    const held = await OutboxMessage.findAll({ where: { status: "pending" } });
    expect(held.map((m) => m.attempts)).toEqual([0, 0]);
    expect(await deliverDue(http, later(60_000))).toMatchObject({ sent: 2 });
    expect(gateway.received.length).toBe(4);
  });
});

describe("opting out of non-essential messages", () => {
  it("skips progress messages to an applicant who opted out but still sends legal notices", async () => {
    await OutboxMessage.destroy({ where: {} });
    const enterprise = await userNamed("ziyang_tea");
    await setNotifyOptOut(enterprise.id, true);
    const kase = await submitCase(enterprise, T0);
    await actOnCase(lead, kase.id, { type: "accept" }, T0);
    await OutboxMessage.update({ nextAttemptAt: T0 }, { where: {} });
    const sent: string[] = [];
    const report = await deliverDue({ name: "memory", send: async (m) => void sent.push(m.template) }, T0);
    expect(report).toMatchObject({ sent: 1, skipped: 1 });
    expect(sent).toEqual(["case_accepted"]);
    expect((await OutboxMessage.findOne({ where: { template: "case_submitted" } }))!.status).toBe("skipped");
    await setNotifyOptOut(enterprise.id, false);
  });
});

describe("reviewers' daily reminders", () => {
  const thursday0900 = new Date("2026-11-26T01:00:00Z");

  it("sends one reminder a working day to each reviewer of a department with overdue or soon-due work, by e-mail", async () => {
    await OutboxMessage.destroy({ where: {} });
    await submitCase(citizen, new Date("2026-10-01T02:00:00Z")); // long overdue for 市场监督管理局
    await OutboxMessage.destroy({ where: {} });
    await Promise.all([sendReviewerReminders(thursday0900), sendReviewerReminders(thursday0900)]);
    await sendReviewerReminders(new Date(thursday0900.getTime() + 3_600_000));
    const reminders = await OutboxMessage.findAll({ where: { template: "reviewer_reminder" } });
    const recipients = reminders.map((r) => r.recipient);
    expect(new Set(recipients).size).toBe(recipients.length);
    const scjg = await User.findAll({ where: { role: "reviewer", departmentId: lead.departmentId } });
    expect(scjg.length).toBe(2);
    for (const reviewer of scjg) {
      const reminder = reminders.find((r) => r.recipient === reviewer.email);
      expect(reminder?.channel).toBe("email");
      expect(Number(reminder?.payload.overdue)).toBeGreaterThanOrEqual(1);
    }
    // 民政局 has nothing running: its reviewer is not disturbed.
    expect(recipients).not.toContain((await User.findOne({ where: { username: "reviewer_mzj" } }))!.email);

    await sendReviewerReminders(new Date("2026-11-27T01:00:00Z")); // Friday: a new day
    expect(await OutboxMessage.count({ where: { template: "reviewer_reminder" } })).toBe(reminders.length * 2);
  });

  it("sends nothing before 08:30 or on a day off", async () => {
    await OutboxMessage.destroy({ where: {} });
    await sendReviewerReminders(new Date("2026-11-30T00:00:00Z")); // Monday 08:00
    await sendReviewerReminders(new Date("2026-11-28T02:00:00Z")); // Saturday 10:00
    await sendReviewerReminders(new Date("2026-10-02T02:00:00Z")); // 国庆节
    expect(await OutboxMessage.count({ where: { template: "reviewer_reminder" } })).toBe(0);
  });

  it("delivers the reminder over SMTP", async () => {
    const smtp = await startFakeSmtp();
    fakes.push(smtp);
    await OutboxMessage.destroy({ where: {} });
    await sendReviewerReminders(thursday0900);
    const report = await deliverDue({ sms: { name: "none", send: async () => {} }, email: smtpGateway({ url: smtp.url, from: "hall@ziyang.gov.cn" }) }, thursday0900);
    const reminders = await OutboxMessage.findAll({ where: { template: "reviewer_reminder" } });
    expect(report.sent).toBe(reminders.length);
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(reminders.map((r) => `<${r.recipient}>`).sort());
    expect(smtp.received[0].data).toMatch(new RegExp(`Message-ID: <outbox-${reminders[0].id}@hall\\.ziyang\\.gov\\.cn>`, "i"));
  });
});

describe("gateway configuration", () => {
  const hall = (vars: Record<string, string>) => parseConfig(vars as NodeJS.ProcessEnv);
  it("uses the console by default and explains a wrong or incomplete configuration in Chinese", () => {
    expect(configuredGateways(hall({})).sms.name).toBe("console");
    expect(() => configuredGateways(hall({ SMS_GATEWAY: "pigeon" }))).toThrow(/未注册的消息网关/);
    expect(() => hall({ SMS_GATEWAY: "http", SMS_HTTP_URL: "http://127.0.0.1:1" })).toThrow(/SMS_HTTP_APP_KEY：SMS_GATEWAY=http 时必须设置[\s\S]*SMS_HTTP_SECRET/);
    expect(configuredGateways(hall({ SMS_GATEWAY: "http", SMS_HTTP_URL: "http://127.0.0.1:1", SMS_HTTP_APP_KEY: "k", SMS_HTTP_SECRET: "s" })).sms.name).toBe("http");
  });
});
