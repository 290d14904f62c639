import { describe, expect, it, vi } from "vitest";

// officialCalendarDays is pure; keep the module's database model (and its connection) out of a unit test.
vi.mock("~/calendar/models.server", () => ({ CalendarDay: {} }));

import { officialCalendarDays } from "~/calendar/service.server";
import { EMPTY_CALENDAR, addWorkingDays, isWorkingDay, workingDaysBetween, type WorkCalendar } from "~/calendar/workdays";

function calendarOf(...years: number[]): WorkCalendar {
  const days = years.flatMap((y) => officialCalendarDays(y));
  return {
    holidays: new Set(days.filter((d) => d.kind === "holiday").map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === "workday").map((d) => d.date)),
  };
}

/** 0 = Sunday … 6 = Saturday, independent of the code under test. */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function everyDayOf(year: number): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

const CAL_2026 = calendarOf(2026);

describe("officialCalendarDays(2026) (chinese-days, 国务院办公厅 2026 年部分节假日安排)", () => {
  const days = officialCalendarDays(2026);
  const byDate = new Map(days.map((d) => [d.date, d]));

  it("lists National Day 2026 as Oct 1–7 holidays and Sep 20 / Oct 10 as make-up working days", () => {
    for (let d = 1; d <= 7; d++) {
      const date = `2026-10-0${d}`;
      expect(byDate.get(date)).toMatchObject({ kind: "holiday", name: "国庆节" });
    }
    expect(byDate.has("2026-10-08")).toBe(false);
    expect(byDate.get("2026-09-20")).toMatchObject({ kind: "workday" });
    expect(byDate.get("2026-10-10")).toMatchObject({ kind: "workday" });
  });

  it("lists Spring Festival 2026 as Feb 15–23 holidays with Feb 14 and Feb 28 as make-up working days", () => {
    for (let d = 15; d <= 23; d++) expect(byDate.get(`2026-02-${d}`)).toMatchObject({ kind: "holiday", name: "春节" });
    expect(byDate.get("2026-02-14")).toMatchObject({ kind: "workday", name: "春节调休上班" });
    expect(byDate.get("2026-02-28")).toMatchObject({ kind: "workday", name: "春节调休上班" });
  });

  it("lists only weekend days as make-up working days, and only dates of that year, each once", () => {
    const workdays = days.filter((d) => d.kind === "workday");
    expect(workdays.length).toBeGreaterThan(0);
    for (const d of workdays) expect([0, 6]).toContain(weekday(d.date));
    for (const d of days) {
      expect(d.date.startsWith("2026-")).toBe(true);
      expect(d.name).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(new Set(days.map((d) => d.date)).size).toBe(days.length);
  });

  it("yields nothing for a year the package does not know", () => {
    expect(officialCalendarDays(2099)).toEqual([]);
  });
});

describe("isWorkingDay", () => {
  it.each<[string, boolean, string]>([
    ["2026-03-09", true, "an ordinary Monday"],
    ["2026-03-07", false, "an ordinary Saturday"],
    ["2026-03-08", false, "an ordinary Sunday"],
    ["2026-10-01", false, "National Day, a Thursday"],
    ["2026-10-07", false, "last day of the National Day holiday, a Wednesday"],
    ["2026-10-10", true, "make-up working day, a Saturday"],
    ["2026-09-20", true, "make-up working day, a Sunday"],
    ["2026-02-14", true, "Spring Festival make-up working day, a Saturday"],
    ["2026-02-23", false, "Spring Festival holiday on a Monday"],
  ])("%s is %s (%s)", (date, expected) => {
    expect(isWorkingDay(date, CAL_2026)).toBe(expected);
  });

  it("without a calendar only weekends are off", () => {
    expect(isWorkingDay("2026-10-01", EMPTY_CALENDAR)).toBe(true);
    expect(isWorkingDay("2026-10-10", EMPTY_CALENDAR)).toBe(false);
  });

  it("a date listed as a make-up working day wins over a holiday entry", () => {
    const cal: WorkCalendar = { holidays: new Set(["2026-03-07"]), workdays: new Set(["2026-03-07"]) };
    expect(isWorkingDay("2026-03-07", cal)).toBe(true);
  });
});

describe("addWorkingDays", () => {
  it("the test dates fall on the weekdays the cases assume", () => {
    expect(weekday("2026-03-02")).toBe(1);
    expect(weekday("2026-03-06")).toBe(5);
    expect(weekday("2026-09-30")).toBe(3);
    expect(weekday("2026-10-10")).toBe(6);
    expect(weekday("2026-09-20")).toBe(0);
    expect(weekday("2026-02-13")).toBe(5);
  });

  it.each<[string, number, string, string]>([
    ["2026-03-04", 0, "2026-03-04", "0 days is the same day (即办)"],
    ["2026-03-07", 0, "2026-03-07", "0 days is the same day even on a Saturday"],
    ["2026-10-01", 0, "2026-10-01", "0 days is the same day even on a holiday"],
    ["2026-03-02", 1, "2026-03-03", "Monday + 1 = Tuesday"],
    ["2026-03-02", 4, "2026-03-06", "Monday + 4 = Friday"],
    ["2026-03-02", 5, "2026-03-09", "Monday + 5 = next Monday"],
    ["2026-03-06", 1, "2026-03-09", "Friday + 1 = next Monday"],
    ["2026-03-07", 1, "2026-03-09", "Saturday + 1 = Monday"],
    ["2026-03-08", 1, "2026-03-09", "Sunday + 1 = Monday"],
    ["2026-03-02", 10, "2026-03-16", "two full weeks"],
  ])("%s + %i = %s (%s)", (start, n, expected) => {
    expect(addWorkingDays(start, n, CAL_2026)).toBe(expected);
  });

  it.each<[string, number, string, string]>([
    ["2026-09-30", 1, "2026-10-08", "the National Day week is skipped"],
    ["2026-09-30", 2, "2026-10-09", "Thursday after the holiday, then Friday"],
    ["2026-09-30", 3, "2026-10-10", "the make-up Saturday Oct 10 counts"],
    ["2026-09-30", 4, "2026-10-12", "then Sunday is off again"],
    ["2026-09-18", 1, "2026-09-20", "the make-up Sunday Sep 20 counts, Saturday Sep 19 does not"],
    ["2026-09-24", 1, "2026-09-28", "Mid-Autumn weekend Sep 25–27 is skipped"],
    ["2026-02-13", 1, "2026-02-14", "the Spring Festival make-up Saturday Feb 14 counts"],
    ["2026-02-14", 1, "2026-02-24", "Spring Festival Feb 15–23 is skipped"],
    ["2026-02-24", 4, "2026-02-28", "the make-up Saturday Feb 28 counts"],
    ["2026-04-30", 1, "2026-05-06", "Labour Day May 1–5 is skipped"],
    ["2026-05-08", 1, "2026-05-09", "the Labour Day make-up Saturday counts"],
  ])("%s + %i = %s with the 2026 calendar (%s)", (start, n, expected) => {
    expect(addWorkingDays(start, n, CAL_2026)).toBe(expected);
  });

  it("counts calendar days differently when no holidays are configured", () => {
    expect(addWorkingDays("2026-09-30", 1, EMPTY_CALENDAR)).toBe("2026-10-01");
    expect(addWorkingDays("2026-09-30", 3, EMPTY_CALENDAR)).toBe("2026-10-05");
  });

  it("crosses a year boundary into New Year's holiday and its make-up Sunday", () => {
    const cal = calendarOf(2025, 2026);
    expect(weekday("2026-01-04")).toBe(0);
    expect(addWorkingDays("2025-12-31", 1, cal)).toBe("2026-01-04");
    expect(addWorkingDays("2025-12-31", 2, cal)).toBe("2026-01-05");
  });

  it("counts a 20-working-day decision limit across National Day", () => {
    // Accepted Mon 2026-09-21; Fri Sep 25 is 中秋 and Oct 1–7 国庆; Sat Oct 10 is a make-up working day.
    // Sep 22,23,24 (3) + Sep 28,29,30 (6) + Oct 8,9,10 (9) + Oct 12–16 (14) + Oct 19–23 (19) + Oct 26 (20).
    expect(addWorkingDays("2026-09-21", 20, CAL_2026)).toBe("2026-10-26");
  });

  it.each([[-1], [1.5], [-0.5], [Number.NaN], [Number.POSITIVE_INFINITY]])("throws a RangeError for n = %s", (n) => {
    expect(() => addWorkingDays("2026-03-02", n, CAL_2026)).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it.each<[string, string, number, string]>([
    ["2026-03-04", "2026-03-04", 0, "same day"],
    ["2026-03-06", "2026-03-09", 1, "Friday to Monday"],
    ["2026-03-06", "2026-03-08", 0, "Friday to Sunday"],
    ["2026-03-02", "2026-03-09", 5, "one week"],
    ["2026-09-30", "2026-10-08", 1, "across National Day"],
    ["2026-09-30", "2026-10-12", 4, "across National Day and the make-up Saturday"],
    ["2026-09-30", "2026-10-07", 0, "into the holiday"],
    ["2026-02-13", "2026-02-28", 6, "Spring Festival with both make-up Saturdays"],
  ])("%s → %s = %i (%s)", (from, to, expected) => {
    expect(workingDaysBetween(from, to, CAL_2026)).toBe(expected);
    // `+ 0` folds -0 into 0: "no working days" either way round.
    expect(workingDaysBetween(to, from, CAL_2026) + 0).toBe(expected === 0 ? 0 : -expected);
  });

  it("is negative when the deadline has passed", () => {
    expect(workingDaysBetween("2026-10-12", "2026-09-30", CAL_2026)).toBe(-4);
    expect(workingDaysBetween("2026-03-09", "2026-03-06", CAL_2026)).toBe(-1);
  });

  it("is the inverse of addWorkingDays for every start day of 2026 and n = 0..25", () => {
    const cal = calendarOf(2026, 2027);
    let checked = 0;
    for (const start of everyDayOf(2026)) {
      let previous = start;
      for (let n = 0; n <= 25; n++) {
        const end = addWorkingDays(start, n, cal);
        expect(workingDaysBetween(start, end, cal)).toBe(n);
        expect(workingDaysBetween(end, start, cal) + 0).toBe(n === 0 ? 0 : -n);
        if (n > 0) {
          expect(isWorkingDay(end, cal)).toBe(true);
          expect(end > previous).toBe(true);
        }
        previous = end;
        checked++;
      }
    }
    expect(checked).toBe(365 * 26);
  });
});
