import { describe, expect, it, vi } from "vitest";

// officialCalendarDays is pure; keep the module's database model (and its connection) out of a unit test.
vi.mock("~/calendar/models.server", () => ({ CalendarDay: {} }));

import { clockLight, pausedWorkingDays, shiftDue, type Light } from "~/cases/clock";
import { officialCalendarDays } from "~/calendar/service.server";
import type { WorkCalendar } from "~/calendar/workdays";

function calendarOf(year: number): WorkCalendar {
  const days = officialCalendarDays(year);
  return {
    holidays: new Set(days.filter((d) => d.kind === "holiday").map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === "workday").map((d) => d.date)),
  };
}

const CAL_2026 = calendarOf(2026);

/** 0 = Sunday … 6 = Saturday, independent of the code under test. */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function light(start: string, due: string, today: string, over: { paused?: boolean; running?: boolean } = {}): Light {
  return clockLight({ start, due, today, paused: over.paused ?? false, running: over.running ?? true }, CAL_2026);
}

describe("the calendar the cases assume", () => {
  it("test dates fall on the weekdays the cases assume", () => {
    expect(weekday("2026-03-02")).toBe(1);
    expect(weekday("2026-03-06")).toBe(5);
    expect(weekday("2026-03-14")).toBe(6);
    expect(weekday("2026-09-21")).toBe(1);
    expect(weekday("2026-09-28")).toBe(1);
    expect(weekday("2026-09-30")).toBe(3);
    expect(weekday("2026-10-10")).toBe(6);
    expect(weekday("2026-10-26")).toBe(1);
    expect(weekday("2026-02-13")).toBe(5);
  });

  it("2026 holidays: Mid-Autumn Sep 25, National Day Oct 1–7, make-up Saturdays Oct 10 and Feb 14", () => {
    expect(CAL_2026.holidays.has("2026-09-25")).toBe(true);
    for (let d = 1; d <= 7; d++) expect(CAL_2026.holidays.has(`2026-10-0${d}`)).toBe(true);
    expect(CAL_2026.workdays.has("2026-10-10")).toBe(true);
    expect(CAL_2026.workdays.has("2026-02-14")).toBe(true);
    for (let d = 15; d <= 23; d++) expect(CAL_2026.holidays.has(`2026-02-${d}`)).toBe(true);
    // March 2026 has no holidays: the plain cases below count weekdays only.
    expect([...CAL_2026.holidays].some((d) => d.startsWith("2026-03-"))).toBe(false);
  });
});

describe("clockLight", () => {
  // Accepted Mon 2026-03-02 with 20 working days: Mar 3–6 (4), 9–13 (9), 16–20 (14), 23–27 (19), Mar 30 (20).
  const START = "2026-03-02";
  const DUE_20 = "2026-03-30";

  it.each<[string, Light, string]>([
    ["2026-03-02", "green", "day of acceptance, 20 of 20 left"],
    ["2026-03-09", "green", "15 left"],
    ["2026-03-19", "green", "7 left: 21 > 20, more than a third"],
    ["2026-03-20", "yellow", "6 left: 18 ≤ 20, at most a third"],
    ["2026-03-21", "yellow", "Saturday, still 6 left"],
    ["2026-03-27", "yellow", "1 left"],
    ["2026-03-30", "yellow", "due today, 0 left, not yet overdue"],
    ["2026-03-31", "red", "the day after the due date"],
    ["2026-04-15", "red", "long overdue"],
  ])("20-day clock on %s is %s (%s)", (today, expected) => {
    expect(light(START, DUE_20, today)).toBe(expected);
  });

  it("exactly a third left is yellow, one more day is green", () => {
    // 15 working days: due Mon Mar 23 (Mar 3–6, 9–13, 16–20, 23).
    const due = "2026-03-23";
    expect(light(START, due, "2026-03-13")).toBe("green"); // Fri: Mar 16–20, 23 = 6 left, 18 > 15
    expect(light(START, due, "2026-03-15")).toBe("green"); // Sun: still 6 left
    expect(light(START, due, "2026-03-16")).toBe("yellow"); // Mon: Mar 17–20, 23 = 5 left = 15 / 3
    expect(light(START, due, "2026-03-17")).toBe("yellow"); // 4 left
  });

  it("exactly 2 days left is yellow even when that is more than a third; 3 left is green", () => {
    // 5 working days: due Mon Mar 9 (Mar 3, 4, 5, 6, 9).
    const due = "2026-03-09";
    expect(light(START, due, "2026-03-04")).toBe("green"); // Mar 5, 6, 9 = 3 left: 9 > 5
    expect(light(START, due, "2026-03-05")).toBe("yellow"); // Mar 6, 9 = 2 left: 6 > 5 but ≤ 2
    expect(light(START, due, "2026-03-06")).toBe("yellow"); // 1 left
    expect(light(START, due, "2026-03-09")).toBe("yellow"); // due today
    expect(light(START, due, "2026-03-10")).toBe("red");
  });

  it("a long clock turns yellow at a third left, before the last 2 days", () => {
    // 30 working days from Mar 2: Mar 3–6, 9–13, 16–20, 23–27, 30–31 (21), Apr 1–3 (24), Qingming Apr 4–6 off,
    // Apr 7–10 (28), Apr 13–14 (30).
    expect(CAL_2026.holidays.has("2026-04-06")).toBe(true);
    const due = "2026-04-14";
    expect(light(START, due, "2026-03-27")).toBe("green"); // Mar 30, 31, Apr 1–3, 7–10, 13, 14 = 11 left
    expect(light(START, due, "2026-03-30")).toBe("yellow"); // 10 left = 30 / 3
    expect(light(START, due, "2026-04-03")).toBe("yellow"); // Apr 7–10, 13, 14 = 6 left
  });

  it("a same-day (即办) clock is yellow on the day and red after", () => {
    expect(light("2026-03-04", "2026-03-04", "2026-03-04")).toBe("yellow");
    expect(light("2026-03-04", "2026-03-04", "2026-03-05")).toBe("red");
  });

  it("a due date on Friday is red on Saturday: overdue is by calendar day, not working day", () => {
    expect(light(START, "2026-03-06", "2026-03-07")).toBe("red");
  });

  describe("across the 2026 National Day holiday", () => {
    // 5 working days from Mon Sep 28: Sep 29, Sep 30, Oct 8, Oct 9, Sat Oct 10 (make-up working day).
    const start = "2026-09-28";
    const due = "2026-10-10";

    it.each<[string, Light, string]>([
      ["2026-09-30", "green", "3 working days left (Oct 8, 9, 10) though 10 calendar days"],
      ["2026-10-01", "green", "National Day: still 3 left"],
      ["2026-10-07", "green", "last holiday: still 3 left, although only 3 calendar days remain"],
      ["2026-10-08", "yellow", "2 left"],
      ["2026-10-09", "yellow", "1 left"],
      ["2026-10-10", "yellow", "due on the make-up Saturday"],
      ["2026-10-11", "red", "Sunday after the make-up Saturday"],
    ])("%s is %s (%s)", (today, expected) => {
      expect(light(start, due, today)).toBe(expected);
    });

    it.each<[string, Light, string]>([
      ["2026-09-22", "green", "19 left"],
      ["2026-09-30", "green", "Oct 8–10 (3), 12–16 (8), 19–23 (13), 26 (14) = 14 left"],
      ["2026-10-05", "green", "during the holiday, still 14 left"],
      ["2026-10-15", "green", "Oct 16, 19–23, 26 = 7 left: 21 > 20"],
      ["2026-10-16", "yellow", "Oct 19–23, 26 = 6 left: 18 ≤ 20"],
      ["2026-10-26", "yellow", "due today"],
      ["2026-10-27", "red", "overdue"],
    ])("a 20-day clock accepted Mon Sep 21, due Oct 26: %s is %s (%s)", (today, expected) => {
      expect(light("2026-09-21", "2026-10-26", today)).toBe(expected);
    });
  });

  it("a paused clock is paused, even past its due date", () => {
    expect(light(START, DUE_20, "2026-03-10", { paused: true })).toBe("paused");
    expect(light(START, DUE_20, "2026-04-15", { paused: true })).toBe("paused");
  });

  it("a clock that is not running has no light, paused or overdue", () => {
    expect(light(START, DUE_20, "2026-03-10", { running: false })).toBe("none");
    expect(light(START, DUE_20, "2026-04-15", { running: false })).toBe("none");
    expect(light(START, DUE_20, "2026-03-10", { running: false, paused: true })).toBe("none");
  });
});

describe("pausedWorkingDays", () => {
  it.each<[string, string, number, string]>([
    ["2026-03-04", "2026-03-04", 0, "supplemented the same day"],
    ["2026-03-04", "2026-03-05", 1, "the next day"],
    ["2026-03-06", "2026-03-08", 0, "Friday to Sunday: the weekend costs nothing"],
    ["2026-03-06", "2026-03-09", 1, "Friday to Monday: only Monday"],
    ["2026-03-05", "2026-03-07", 1, "Thursday to Saturday: only Friday"],
    ["2026-03-02", "2026-03-09", 5, "a whole week"],
    ["2026-09-30", "2026-10-07", 0, "into National Day: no working day"],
    ["2026-09-30", "2026-10-08", 1, "across National Day: only Oct 8"],
    ["2026-09-30", "2026-10-12", 4, "Oct 8, 9, make-up Sat 10, and Mon 12"],
    ["2026-09-24", "2026-10-09", 5, "Mid-Autumn Sep 25 and National Day skipped: Sep 28, 29, 30, Oct 8, 9"],
    ["2026-02-13", "2026-02-24", 2, "Spring Festival: make-up Sat Feb 14 and Tue Feb 24"],
  ])("paused %s, resumed %s → %i (%s)", (pausedOn, resumedOn, expected) => {
    expect(pausedWorkingDays(pausedOn, resumedOn, CAL_2026)).toBe(expected);
  });

  it("never negative, even if the resume date is before the pause", () => {
    expect(pausedWorkingDays("2026-03-09", "2026-03-02", CAL_2026)).toBe(0);
  });
});

describe("shiftDue", () => {
  it.each<[string, number, string, string]>([
    ["2026-03-30", 0, "2026-03-30", "0 days: same date"],
    ["2026-03-07", 0, "2026-03-07", "0 days: same date even on a Saturday"],
    ["2026-10-03", 0, "2026-10-03", "0 days: same date even on a holiday"],
    ["2026-03-30", 1, "2026-03-31", "one working day"],
    ["2026-03-06", 1, "2026-03-09", "over a weekend"],
    ["2026-09-30", 1, "2026-10-08", "over National Day"],
    ["2026-09-30", 3, "2026-10-10", "onto the make-up Saturday"],
    ["2026-09-24", 1, "2026-09-28", "over Mid-Autumn and the weekend"],
    ["2026-02-13", 2, "2026-02-24", "over the Spring Festival via the make-up Saturday Feb 14"],
    ["2026-09-28", 10, "2026-10-16", "a 10-day extension: Sep 29, 30, Oct 8, 9, 10, 12–16"],
  ])("%s + %i → %s (%s)", (due, days, expected) => {
    expect(shiftDue(due, days, CAL_2026)).toBe(expected);
  });

  it("a pause across National Day moves the due date by the paused working days", () => {
    const paused = pausedWorkingDays("2026-09-30", "2026-10-12", CAL_2026);
    expect(paused).toBe(4);
    expect(shiftDue("2026-10-26", paused, CAL_2026)).toBe("2026-10-30");
  });

  it("a pause that cost no working day leaves the due date alone", () => {
    expect(shiftDue("2026-10-26", pausedWorkingDays("2026-09-30", "2026-10-07", CAL_2026), CAL_2026)).toBe("2026-10-26");
  });
});
