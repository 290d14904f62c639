/**
 * Working days under the State Council's holiday arrangement: Monday–Friday work, except statutory holidays;
 * weekend days designated as make-up working days (调休) count as working days.
 */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), workdays: new Set() };

function addCalendarDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The date by which something counted in working days from `start` must be done: the n-th working day after
 * `start` (the start day itself does not count, as in 行政许可法 §82). n = 0 means the same day (即办).
 */
export function addWorkingDays(start: string, n: number, calendar: WorkCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer: ${n}`);
  let date = start;
  let left = n;
  while (left > 0) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date, calendar)) left--;
  }
  return date;
}

/** Working days after `from` up to and including `to`; negative when `to` is before `from`. */
export function workingDaysBetween(from: string, to: string, calendar: WorkCalendar): number {
  if (to < from) return -workingDaysBetween(to, from, calendar) || 0;
  let count = 0;
  for (let date = from; date < to; ) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date, calendar)) count++;
  }
  return count;
}
