import { beforeAll, describe, expect, it } from "vitest";
import { ServiceItem } from "~/catalog/models.server";
import { sequelize } from "~/db/connection.server";
import { insertRow, insertRowIf } from "~/db/insert-row.server";
import { OutboxMessage } from "~/notify/models.server";
import { freshDatabase } from "../support/db";

beforeAll(async () => {
  await freshDatabase();
});

const message = (at: Date) => ({
  channel: "sms" as const,
  recipient: "13912345678",
  template: "case_submitted",
  payload: { item: "企业开办", tracking: "含'引号\\与?问号" },
  caseId: null,
  status: "pending" as const,
  attempts: 0,
  nextAttemptAt: at,
  sentAt: null,
  lastError: null,
});

describe("insertRow", () => {
  it("stores what Model.create would: dates in the connection's time zone, JSON, timestamps", async () => {
    const at = new Date("2026-11-27T03:04:05Z");
    await sequelize.transaction(async (t) => {
      const fast = await insertRow(OutboxMessage, message(at), t);
      const slow = await OutboxMessage.create(message(at), { transaction: t });
      const [a, b] = await Promise.all([OutboxMessage.findByPk(fast, { transaction: t }), OutboxMessage.findByPk(slow.id, { transaction: t })]);
      expect(a!.nextAttemptAt.toISOString()).toBe(at.toISOString());
      expect(a!.nextAttemptAt.toISOString()).toBe(b!.nextAttemptAt.toISOString());
      expect(a!.payload).toEqual(message(at).payload);
      expect(Math.abs(a!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    });
  });

  it("inserts under a guard only while the guard's row exists", async () => {
    const item = (await ServiceItem.findOne({ where: {} }))!;
    const at = new Date();
    const before = await OutboxMessage.count();
    await sequelize.transaction(async (t) => {
      expect(await insertRowIf(OutboxMessage, message(at), t, { table: "service_items", where: { id: item.id, published_version_id: item.publishedVersionId! } })).toEqual(expect.any(Number));
      expect(await insertRowIf(OutboxMessage, message(at), t, { table: "service_items", where: { id: item.id, published_version_id: -1 } })).toBeNull();
    });
    expect(await OutboxMessage.count()).toBe(before + 1);
  });
});
