import { beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "~/cases/desk.server";
import { submitApplication } from "~/cases/submit.server";
import type { MessageGateway, OutgoingMessage } from "~/notify/gateways.server";
import { OutboxMessage } from "~/notify/models.server";
import { backoffMs, deadLetters, deliverDue, MAX_ATTEMPTS, retryDeadLetter } from "~/notify/worker.server";
import { freshDatabase, itemByName, userNamed } from "../support/db";
import { ENTERPRISE_OPENING, enterpriseOpeningData, newKey } from "../support/fixtures";

/** A gateway that fails the first `failures` attempts of every message and records what it accepted. */
function flakyGateway(failures: number) {
  const attempts = new Map<number, number>();
  const delivered: OutgoingMessage[] = [];
  const gateway: MessageGateway = {
    name: "flaky",
    async send(message) {
      const n = (attempts.get(message.id) ?? 0) + 1;
      attempts.set(message.id, n);
      if (n <= failures) throw new Error(`网关暂时不可用（第 ${n} 次）`);
      delivered.push(message);
    },
  };
  return { gateway, delivered };
}

const T0 = new Date("2026-11-26T02:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);

beforeAll(async () => {
  await freshDatabase();
  const citizen = await userNamed("13912345678");
  const lead = await userNamed("reviewer_scjg");
  const item = await itemByName(ENTERPRISE_OPENING);
  for (let i = 0; i < 2; i++) {
    const result = await submitApplication({ user: citizen, itemId: item.id, versionId: item.publishedVersionId!, formData: enterpriseOpeningData(), submissionKey: newKey(), now: T0 });
    if ("errors" in result) throw new Error(JSON.stringify(result.errors));
    await actOnCase(lead, result.case.id, { type: "accept" }, T0);
  }
  await OutboxMessage.update({ nextAttemptAt: T0 }, { where: {} });
});

describe("the notification outbox worker", () => {
  it("retries with backoff and delivers every message exactly once, in order per recipient, across worker restarts", async () => {
    const expected = await OutboxMessage.findAll({ order: [["id", "ASC"]] });
    expect(expected.length).toBe(4);
    const { gateway, delivered } = flakyGateway(2);
    // Round 1 and 2 fail (only the oldest message per recipient is tried); each "restart" is a fresh call.
    expect(await deliverDue(gateway, T0)).toEqual({ sent: 0, failed: 1, dead: 0, skipped: 0, deferred: 0 });
    expect(await deliverDue(gateway, T0)).toEqual({ sent: 0, failed: 0, dead: 0, skipped: 0, deferred: 0 }); // backing off
    let t = 0;
    for (let round = 0; round < 40 && delivered.length < expected.length; round++) {
      t += backoffMs(MAX_ATTEMPTS);
      await deliverDue(gateway, later(t));
    }
    expect(delivered.map((m) => m.id)).toEqual(expected.map((m) => m.id));
    expect(new Set(delivered.map((m) => m.id)).size).toBe(delivered.length);
    expect(await OutboxMessage.count({ where: { status: "sent" } })).toBe(4);
    expect(await deliverDue(gateway, later(t + 1))).toEqual({ sent: 0, failed: 0, dead: 0, skipped: 0, deferred: 0 });
  });

  it("lets two workers race without sending any attempt twice", async () => {
    await OutboxMessage.update({ status: "pending", attempts: 0, nextAttemptAt: T0, sentAt: null }, { where: {} });
    const { gateway, delivered } = flakyGateway(0);
    await Promise.all([deliverDue(gateway, T0), deliverDue(gateway, T0)]);
    await deliverDue(gateway, later(1));
    expect(delivered.map((m) => m.id).sort()).toEqual([...new Set(delivered.map((m) => m.id))].sort());
    expect(await OutboxMessage.count({ where: { status: "sent" } })).toBe(4);
  });

  it("gives up after the last attempt, lists dead letters, and retries one on request", async () => {
    await OutboxMessage.update({ status: "pending", attempts: 0, nextAttemptAt: T0, sentAt: null }, { where: {} });
    const { gateway } = flakyGateway(100);
    for (let round = 0, t = 0; round < 60; round++, t += backoffMs(MAX_ATTEMPTS)) await deliverDue(gateway, later(t));
    const dead = await deadLetters();
    expect(dead.length).toBe(4);
    expect(dead[0].lastError).toMatch(/网关暂时不可用/);
    expect(await retryDeadLetter(dead[0].id, T0)).toBe(true);
    expect((await OutboxMessage.findByPk(dead[0].id))!.status).toBe("pending");
    expect(await retryDeadLetter(dead[0].id, T0)).toBe(false);
  });

  it("shows dead letters to the center only, and retries one from the page", async () => {
    const { loader, action } = await import("~/routes/center/outbox");
    const { User } = await import("~/identity/models.server");
    const { startSession } = await import("~/identity/session.server");
    const as = async (username: string, init?: RequestInit) => {
      const user = (await User.findOne({ where: { username } }))!;
      const cookie = (await startSession(user.id, null)).split(";")[0];
      return { request: new Request("http://hall.test/center/outbox", { ...init, headers: { Cookie: cookie } }), params: {}, context: {} };
    };
    const page = (await loader(await as("center"))) as { letters: Array<{ id: number; recipient: string; text: string }> };
    expect(page.letters.length).toBe(3);
    expect(page.letters[0].recipient).toBe("139****5678");
    expect(page.letters[0].text).toMatch(/^【紫阳县政务服务】/);
    const denied = await loader(await as("supervisor")).then(() => null, (e: unknown) => e);
    expect((denied as Response).status).toBe(403);
    const form = new URLSearchParams({ id: String(page.letters[0].id) });
    const response = (await action(await as("center", { method: "POST", body: form }))) as Response;
    expect(response.headers.get("Location")).toBe(`/center/outbox?retried=${page.letters[0].id}`);
    expect((await OutboxMessage.findByPk(page.letters[0].id))!.status).toBe("pending");
  });
});
