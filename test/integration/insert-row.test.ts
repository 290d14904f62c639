import { UniqueConstraintError, type CreationAttributes } from "sequelize";
import { beforeAll, describe, expect, it } from "vitest";
import { Case, CaseEvent } from "~/cases/models.server";
import { User } from "~/identity/models.server";
import { ServiceItem } from "~/catalog/models.server";
import { sequelize } from "~/db/connection.server";
import { insertFamily, insertRow } from "~/db/insert-row.server";
import { OutboxMessage } from "~/notify/models.server";
import { freshDatabase } from "../support/db";
import { ENTERPRISE_OPENING, newKey } from "../support/fixtures";

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

  it("reports a duplicate key as Sequelize's UniqueConstraintError and leaves the transaction usable", async () => {
    const at = new Date();
    const key = `dup-${Date.now()}`;
    const before = await OutboxMessage.count();
    await sequelize.transaction(async (t) => {
      await insertRow(OutboxMessage, { ...message(at), dedupeKey: key }, t);
      await expect(insertRow(OutboxMessage, { ...message(at), dedupeKey: key }, t)).rejects.toBeInstanceOf(UniqueConstraintError);
      await insertRow(OutboxMessage, { ...message(at), dedupeKey: `${key}-2` }, t);
    });
    expect(await OutboxMessage.count()).toBe(before + 2);
  });

  it("binds values of the same statement afresh each time (the statement is prepared once)", async () => {
    const at = new Date("2026-11-27T03:04:05Z");
    const ids = await sequelize.transaction(async (t) => {
      const out: number[] = [];
      for (let i = 0; i < 3; i++) out.push(await insertRow(OutboxMessage, { ...message(at), recipient: `1391234567${i}` }, t));
      return out;
    });
    const rows = await OutboxMessage.findAll({ where: { id: ids }, order: [["id", "ASC"]] });
    expect(rows.map((r) => r.recipient)).toEqual(["13912345670", "13912345671", "13912345672"]);
  });
});

describe("insertFamily", () => {
  const guardOf = (item: ServiceItem, version = item.publishedVersionId!) => ({ table: "service_items", where: { id: item.id, published_version_id: version } });
  let serial = 0;
  /** A new case row (own tracking number and submission key) on the 企业开办 item's published version. */
  async function newCase() {
    const item = (await ServiceItem.findOne({ where: { name: ENTERPRISE_OPENING } }))!;
    const applicant = (await User.findOne({ where: { username: "13912345678" } }))!;
    serial += 1;
    const now = new Date();
    const row: CreationAttributes<Case> = {
      trackingNumber: `${item.implementationCode}20261127${String(9000 + serial)}`,
      itemId: item.id,
      itemVersionId: item.publishedVersionId!,
      applicantId: applicant.id,
      applicantName: applicant.name,
      applicantMobile: "13912345678",
      leadDepartmentId: item.departmentId,
      orgUnitId: item.orgUnitId,
      channel: "online",
      state: "submitted",
      decision: null,
      formData: { note: "测试" },
      submissionKey: newKey(),
      submittedAt: now,
      acceptedAt: null,
      dueDate: "2026-12-01",
      legalDueDate: "2026-12-20",
      completedAt: null,
    };
    return { item, row };
  }
  const event = (note: string) => ({ model: CaseEvent, parentId: "caseId", values: { type: "submit", actorId: null, actorName: "系统", departmentId: null, fromState: null, toState: "submitted", note } });

  it("writes a row and the rows that reference it, with its id, values quoted as they were given", async () => {
    const { item, row } = await newCase();
    const at = new Date("2026-11-27T03:04:05Z");
    const note = "含'引号\\与?问号 ; DROP TABLE users; --";
    const [id, events, messages] = await sequelize.transaction(async (t) => {
      const caseId = await insertFamily(t, { model: Case, values: row, guard: guardOf(item) }, [
        event(note),
        { model: OutboxMessage, parentId: "caseId", values: { ...message(at), caseId: undefined, payload: { note } } },
      ]);
      return [caseId, await CaseEvent.findAll({ where: { caseId: caseId! }, transaction: t }), await OutboxMessage.findAll({ where: { caseId: caseId! }, transaction: t })];
    });
    expect(id).toEqual(expect.any(Number));
    expect((await Case.findByPk(id!))!.trackingNumber).toBe(row.trackingNumber);
    expect(events.map((e) => e.note)).toEqual([note]);
    expect(messages.map((m) => [m.payload, m.nextAttemptAt.toISOString()])).toEqual([[{ note }, at.toISOString()]]);
  });

  it("writes nothing at all when the guard's row is not there", async () => {
    const { item, row } = await newCase();
    const counts = async () => [await Case.count(), await CaseEvent.count(), await OutboxMessage.count()];
    const before = await counts();
    const id = await sequelize.transaction((t) => insertFamily(t, { model: Case, values: row, guard: guardOf(item, -1) }, [event("不应写入")]));
    expect(id).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it("reports a duplicate parent as UniqueConstraintError, and the transaction it was in keeps nothing", async () => {
    const { item, row } = await newCase();
    await sequelize.transaction((t) => insertFamily(t, { model: Case, values: row, guard: guardOf(item) }, []));
    const before = [await Case.count(), await CaseEvent.count()];
    await expect(
      sequelize.transaction(async (t) => {
        await insertRow(OutboxMessage, message(new Date()), t);
        return insertFamily(t, { model: Case, values: { ...row, trackingNumber: `${row.trackingNumber.slice(0, 39)}8999` }, guard: guardOf(item) }, [event("重复提交")]);
      }),
    ).rejects.toBeInstanceOf(UniqueConstraintError);
    expect([await Case.count(), await CaseEvent.count()]).toEqual(before);
  });
});
