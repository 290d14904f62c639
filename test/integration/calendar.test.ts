import { beforeAll, describe, expect, it } from "vitest";
import { calendarYear, loadCalendar, removeCalendarDay, setCalendarDay } from "~/calendar/service.server";
import { submitApplication } from "~/cases/submit.server";
import { User } from "~/identity/models.server";
import { startSession } from "~/identity/session.server";
import { loader as calendarLoader } from "~/routes/center/calendar";
import { freshDatabase, itemByName, userNamed } from "../support/db";
import { ENTERPRISE_OPENING, enterpriseOpeningData, newKey } from "../support/fixtures";

beforeAll(async () => {
  await freshDatabase();
});

async function requestAs(username: string) {
  const user = (await User.findOne({ where: { username } }))!;
  const cookie = (await startSession(user.id, null)).split(";")[0];
  return new Request("http://hall.test/center/calendar?year=2027", { headers: { Cookie: cookie } });
}

describe("the working-day calendar the center maintains", () => {
  it("rejects bad entries with Chinese messages and stores nothing", async () => {
    const before = (await calendarYear(2027)).length;
    expect(await setCalendarDay({ date: "2027-02-30", kind: "holiday", name: "春节" })).toEqual([{ path: "date", message: "请填写正确的日期，如 2027-02-06" }]);
    expect(await setCalendarDay({ date: "2027-02-08", kind: "x" as "holiday", name: " " })).toEqual([
      { path: "kind", message: "请选择放假或调休上班" },
      { path: "name", message: "请填写 1–50 个字的名称，如 春节" },
    ]);
    expect((await calendarYear(2027)).length).toBe(before);
  });

  it("moves deadlines computed after a change, and can undo it", async () => {
    const item = await itemByName(ENTERPRISE_OPENING);
    const citizen = await userNamed("13912345678");
    const submitOn = async (iso: string) => {
      const result = await submitApplication({ user: citizen, itemId: item.id, versionId: item.publishedVersionId!, formData: enterpriseOpeningData(), submissionKey: newKey(), now: new Date(iso) });
      if ("errors" in result) throw new Error(JSON.stringify(result.errors));
      return result.case.dueDate;
    };
    // Friday 2027-02-05 + 1 working day = Monday 02-08, until the Spring Festival holiday is entered.
    expect(await submitOn("2027-02-05T02:00:00Z")).toBe("2027-02-08");
    for (const date of ["2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11", "2027-02-12"]) {
      expect(await setCalendarDay({ date, kind: "holiday", name: "春节" })).toEqual([]);
    }
    expect(await setCalendarDay({ date: "2027-02-20", kind: "workday", name: "春节调休上班" })).toEqual([]);
    expect(await submitOn("2027-02-05T02:00:00Z")).toBe("2027-02-15");
    expect(await submitOn("2027-02-19T02:00:00Z")).toBe("2027-02-20");
    expect((await calendarYear(2027)).map((d) => d.date)).toContain("2027-02-20");
    expect(await removeCalendarDay("2027-02-20")).toBe(true);
    expect((await loadCalendar()).workdays.has("2027-02-20")).toBe(false);
  });

  it("is open to the center only", async () => {
    const result = (await calendarLoader({ request: await requestAs("center"), params: {}, context: {} })) as { year: number };
    expect(result.year).toBe(2027);
    for (const username of ["supervisor", "reviewer_scjg", "13912345678"]) {
      const denied = await calendarLoader({ request: await requestAs(username), params: {}, context: {} }).then(() => null, (e: unknown) => e);
      expect((denied as Response).status).toBe(403);
    }
  });
});
