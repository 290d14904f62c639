import { addWorkingDays, workingDaysBetween, type WorkCalendar } from "~/calendar/workdays";

export type Light = "green" | "yellow" | "red" | "paused" | "none";

export const LIGHT_LABELS: Record<Light, string> = { green: "正常", yellow: "即将到期", red: "已超期", paused: "暂停计时", none: "" };

/**
 * The traffic light of a running clock (all dates are China dates): red once `today` is past the due date;
 * yellow when at most a third of the working days, or at most 2, remain; green otherwise.
 */
export function clockLight(clock: { start: string; due: string; today: string; paused: boolean; running: boolean }, calendar: WorkCalendar): Light {
  if (!clock.running) return "none";
  if (clock.paused) return "paused";
  if (clock.today > clock.due) return "red";
  const total = workingDaysBetween(clock.start, clock.due, calendar);
  const left = workingDaysBetween(clock.today, clock.due, calendar);
  return left <= 2 || left * 3 <= total ? "yellow" : "green";
}

/**
 * Working days a pause took: from the day after it started to the day it ended, inclusive of the end day
 * only if the applicant supplemented on a working day — the clock runs again the next working day.
 */
export function pausedWorkingDays(pausedOn: string, resumedOn: string, calendar: WorkCalendar): number {
  return Math.max(0, workingDaysBetween(pausedOn, resumedOn, calendar));
}

/** A due date moved later by working days (pause or extension). */
export function shiftDue(due: string, workingDays: number, calendar: WorkCalendar): string {
  return workingDays > 0 ? addWorkingDays(due, workingDays, calendar) : due;
}
