import { beforeAll, describe, expect, it } from "vitest";
import { submitApplication } from "~/cases/submit.server";
import { shortTrackingNumber } from "~/cases/tracking-number";
import { trackCase, TRACK_LIMIT_PER_MINUTE } from "~/cases/tracking.server";
import { freshDatabase, itemByName, userNamed } from "../support/db";
import { ENTERPRISE_OPENING, enterpriseOpeningData, newKey } from "../support/fixtures";

let tracking = "";
const NOW = new Date("2026-11-26T02:00:00Z");

beforeAll(async () => {
  await freshDatabase();
  const item = await itemByName(ENTERPRISE_OPENING);
  const result = await submitApplication({
    user: await userNamed("13912345678"),
    itemId: item.id,
    versionId: item.publishedVersionId!,
    formData: enterpriseOpeningData(),
    submissionKey: newKey(),
    now: NOW,
  });
  if ("errors" in result) throw new Error(JSON.stringify(result.errors));
  tracking = result.case.trackingNumber;
});

describe("anonymous progress query", () => {
  it("answers with the status for the tracking number (long or short) and the applicant's phone", async () => {
    const long = await trackCase({ tracking, mobile: "13912345678", client: "a" }, NOW);
    expect(long.result?.state).toBe("已提交，待受理");
    expect(long.result?.itemName).toBe(ENTERPRISE_OPENING);
    const short = await trackCase({ tracking: shortTrackingNumber(tracking), mobile: "13912345678", client: "a" }, NOW);
    expect(short.result?.submittedOn).toBe("2026-11-26");
    expect(JSON.stringify(short.result)).not.toContain("张三");
  });

  it("gives the same answer for a wrong phone as for a wrong number", async () => {
    const wrongPhone = await trackCase({ tracking, mobile: "13900000000", client: "b" }, NOW);
    const wrongNumber = await trackCase({ tracking: `${tracking.slice(0, -4)}9999`, mobile: "13912345678", client: "b" }, NOW);
    expect(wrongPhone).toEqual({ error: "未查到匹配的办件，请核对办件编号和手机号码", result: null });
    expect(wrongNumber).toEqual(wrongPhone);
    expect((await trackCase({ tracking: "abc", mobile: "1", client: "b" }, NOW)).error).toMatch(/请填写完整的办件编号/);
  });

  it("limits each client to a few lookups a minute", async () => {
    for (let i = 0; i < TRACK_LIMIT_PER_MINUTE; i++) expect((await trackCase({ tracking, mobile: "13900000000", client: "c" }, NOW)).error).toMatch(/未查到/);
    expect((await trackCase({ tracking, mobile: "13912345678", client: "c" }, NOW)).error).toBe("查询过于频繁，请一分钟后再试");
    expect((await trackCase({ tracking, mobile: "13912345678", client: "d" }, NOW)).result).not.toBeNull();
    expect((await trackCase({ tracking, mobile: "13912345678", client: "c" }, new Date(NOW.getTime() + 60_000))).result).not.toBeNull();
  });

  it("forgets counters older than ten minutes, and only those", async () => {
    const { forgetOldCounters } = await import("~/db/rate-limit.server");
    const { sequelize } = await import("~/db/connection.server");
    const counters = async () => (await sequelize.query("SELECT name FROM sequences WHERE name LIKE 'rate:%'"))[0].length;
    const before = await counters();
    expect(before).toBeGreaterThan(0);
    await forgetOldCounters(new Date(NOW.getTime() + 5 * 60_000));
    expect(await counters()).toBe(before);
    await forgetOldCounters(new Date(NOW.getTime() + 12 * 60_000));
    expect(await counters()).toBe(0);
  });
});
