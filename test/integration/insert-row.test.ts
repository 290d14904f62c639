import { QueryTypes, UniqueConstraintError } from "sequelize";
import { beforeAll, describe, expect, it } from "vitest";
import { Case, CaseEvent } from "~/cases/models.server";
import { User } from "~/identity/models.server";
import { ServiceItem } from "~/catalog/models.server";
import { sequelize } from "~/db/connection.server";
import { dateText } from "~/db/direct.server";
import { insertFamily, insertRow, jsonObjectSql, SqlExpression } from "~/db/insert-row.server";
import { trackingNumberFromCounter } from "~/cases/submit.server";
import { trackingNumber, trackingNumberSql, trackingPrefix } from "~/cases/tracking-number";
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

describe("dateText", () => {
  it("writes dates exactly as Sequelize's escape does, in the connection's time zone", () => {
    for (const iso of ["2026-11-27T03:04:05.678Z", "2026-12-31T16:30:00.000Z", "2027-01-01T00:00:00.001Z", "2026-02-28T23:59:59.999Z"]) {
      const date = new Date(iso);
      expect(`'${dateText(date)}'`).toBe(sequelize.escape(date as unknown as string));
    }
  });
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
  const caseId = new SqlExpression("p.id");

  /** A case of 企业开办 with its timeline entry and message, numbered from counter `counter`; `note` goes into both. */
  async function family(note: string, options: { version?: number; key?: string; counter?: string; day?: string } = {}) {
    const item = (await ServiceItem.findOne({ where: { name: ENTERPRISE_OPENING } }))!;
    const applicant = (await User.findOne({ where: { username: "13912345678" } }))!;
    serial += 1;
    const counter = options.counter ?? `test:${Date.now()}:${serial}`;
    const key = options.key ?? newKey();
    // Each family numbers on a day of its own unless it shares another's counter (and then its day).
    const day = options.day ?? `${2000 + serial}-11-27`;
    const row = {
      trackingNumber: trackingNumberFromCounter(item.implementationCode, day, counter),
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
      formData: { note },
      submissionKey: key,
      submittedAt: new Date("2026-11-27T03:04:05Z"),
      acceptedAt: null,
      dueDate: "2026-12-01",
      legalDueDate: "2026-12-20",
      completedAt: null,
    };
    return {
      item,
      key,
      counter,
      day,
      write: {
        counter: { name: counter },
        parent: { model: Case, values: row, guard: guardOf(item, options.version), key: { applicant_id: applicant.id, submission_key: key } },
        dependents: [
          { model: CaseEvent, values: { caseId, type: "submit", actorId: null, actorName: "系统", departmentId: null, fromState: null, toState: "submitted", note } },
          { model: OutboxMessage, values: { ...message(new Date("2026-11-27T03:04:05Z")), caseId, payload: jsonObjectSql({ note, tracking: new SqlExpression("p.tracking_number") }) } },
        ],
        columns: ["id", "tracking_number"],
      },
    };
  }
  const counts = async () => [await Case.count(), await CaseEvent.count(), await OutboxMessage.count()];

  for (const inTransaction of [false, true]) {
    const run = (write: Parameters<typeof insertFamily>[0]) => (inTransaction ? sequelize.transaction((t) => insertFamily(write, t)) : insertFamily(write));

    it(`writes a row and the rows that reference it, numbered from the counter, values quoted as given (${inTransaction ? "in the caller's transaction" : "in one of its own"})`, async () => {
      const note = "含'引号\\与?问号 ; DROP TABLE users; --";
      const first = await family(note);
      const written = await run(first.write);
      const again = await family(note, { counter: first.counter, day: first.day });
      const second = await run(again.write);
      const prefix = trackingPrefix(first.item.implementationCode, first.day);
      expect([written?.tracking_number, second?.tracking_number]).toEqual([`${prefix}0001`, `${prefix}0002`]);
      const id = Number(written!.id);
      const kase = (await Case.findByPk(id))!;
      expect([kase.submissionKey, kase.formData, kase.submittedAt.toISOString()]).toEqual([first.key, { note }, "2026-11-27T03:04:05.000Z"]);
      expect((await CaseEvent.findAll({ where: { caseId: id } })).map((e) => e.note)).toEqual([note]);
      const messages = await OutboxMessage.findAll({ where: { caseId: id } });
      expect(messages.map((m) => [m.payload, m.nextAttemptAt.toISOString()])).toEqual([[{ note, tracking: `${prefix}0001` }, "2026-11-27T03:04:05.000Z"]]);
    });

    it(`writes nothing at all — not even the counter — when the guard's row is not there (${inTransaction ? "in a transaction" : "alone"})`, async () => {
      const refused = await family("不应写入", { version: -1 });
      const before = await counts();
      expect(await run(refused.write)).toBeNull();
      expect(await counts()).toEqual(before);
      expect(await sequelize.query("SELECT value FROM sequences WHERE name = ?", { replacements: [refused.counter], type: QueryTypes.SELECT })).toEqual([]);
    });

    it(`does not report an earlier row with the same key when the guard keeps the new one out (${inTransaction ? "in a transaction" : "alone"})`, async () => {
      const first = await family("第一次");
      expect(await run(first.write)).not.toBeNull();
      const retry = await family("重试", { key: first.key, version: -1 });
      expect(await run(retry.write)).toBeNull();
    });

    it(`reports a duplicate key as UniqueConstraintError and keeps nothing of the batch (${inTransaction ? "in a transaction" : "alone"})`, async () => {
      const first = await family("第一次");
      await run(first.write);
      const duplicate = await family("重复提交", { key: first.key, counter: first.counter, day: first.day });
      const before = await counts();
      await expect(run(duplicate.write)).rejects.toBeInstanceOf(UniqueConstraintError);
      expect(await counts()).toEqual(before);
      const [counter] = await sequelize.query<{ value: number }>("SELECT value FROM sequences WHERE name = ?", { replacements: [first.counter], type: QueryTypes.SELECT });
      expect(Number(counter.value)).toBe(1);
    });
  }
});

describe("trackingNumberSql", () => {
  it("computes in the database exactly what trackingNumber computes, and nothing past 9999", async () => {
    const code = "11610924MB29755302401011700100";
    const implementationCode = `${code}0`;
    for (const sequence of [1, 42, 999, 9999, 10000]) {
      const sql = trackingNumberSql(sequelize.escape(trackingPrefix(implementationCode, "2026-11-27")), String(sequence), sequelize.getDialect() === "mysql" ? "mysql" : "sqlite");
      const [row] = await sequelize.query<{ t: string | null }>(`SELECT ${sql} AS t`, { type: QueryTypes.SELECT });
      expect(row.t).toBe(sequence <= 9999 ? trackingNumber(implementationCode, "2026-11-27", sequence) : null);
    }
  });
});
