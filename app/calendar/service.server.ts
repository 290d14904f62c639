import chineseDays from "chinese-days";
import { Op, type Transaction } from "sequelize";
import { CalendarDay } from "./models.server";
import type { WorkCalendar } from "./workdays";

let cached: { calendar: WorkCalendar; at: number } | null = null;
/** Another process's edit reaches this one within a minute; this process's own edits at once. */
const CALENDAR_TTL_MS = 60_000;

/** The working-day calendar as the center maintains it in the calendar_days table (cached briefly). */
export async function loadCalendar(transaction?: Transaction): Promise<WorkCalendar> {
  if (cached && Date.now() - cached.at < CALENDAR_TTL_MS) return cached.calendar;
  const rows = await CalendarDay.findAll({ transaction });
  const calendar = {
    holidays: new Set(rows.filter((r) => r.kind === "holiday").map((r) => r.date)),
    workdays: new Set(rows.filter((r) => r.kind === "workday").map((r) => r.date)),
  };
  cached = { calendar, at: Date.now() };
  return calendar;
}

function forgetCalendar(): void {
  cached = null;
}

/**
 * Statutory holidays and make-up working days of a year from the chinese-days package (State Council notices).
 * A year the package does not know yet yields nothing: weekends only, until the center adds the notice.
 */
export function officialCalendarDays(year: number): Array<{ date: string; kind: "holiday" | "workday"; name: string }> {
  const days: Array<{ date: string; kind: "holiday" | "workday"; name: string }> = [];
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const detail = chineseDays.getDayDetail(date);
    const weekend = [0, 6].includes(new Date(t).getUTCDay());
    const festival = detail.name.includes(",") ? detail.name.split(",")[1] : null;
    if (!detail.work && festival) days.push({ date, kind: "holiday", name: festival });
    else if (detail.work && weekend) days.push({ date, kind: "workday", name: festival ? `${festival}调休上班` : "调休上班" });
  }
  return days;
}

/** Inserts the official days of the given years unless the center has already set that date. */
export async function seedCalendar(years: number[]): Promise<number> {
  let added = 0;
  for (const year of years) {
    for (const day of officialCalendarDays(year)) {
      const [, created] = await CalendarDay.findOrCreate({ where: { date: day.date }, defaults: day });
      if (created) added++;
    }
  }
  forgetCalendar();
  return added;
}

export interface CalendarEntry {
  date: string;
  kind: "holiday" | "workday";
  name: string;
}

/** The exceptions of one year, in date order. */
export async function calendarYear(year: number): Promise<CalendarEntry[]> {
  const rows = await CalendarDay.findAll({ where: { date: { [Op.like]: `${year}-%` } }, order: [["date", "ASC"]] });
  return rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name }));
}

/** Checks an entry the center typed in; returns Chinese messages per field. */
export function calendarEntryErrors(entry: { date: string; kind: string; name: string }): Array<{ path: string; message: string }> {
  const errors: Array<{ path: string; message: string }> = [];
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(entry.date) && new Date(`${entry.date}T00:00:00Z`).toISOString().slice(0, 10) === entry.date;
  if (!valid) errors.push({ path: "date", message: "请填写正确的日期，如 2027-02-06" });
  if (entry.kind !== "holiday" && entry.kind !== "workday") errors.push({ path: "kind", message: "请选择放假或调休上班" });
  if (!entry.name.trim() || entry.name.trim().length > 50) errors.push({ path: "name", message: "请填写 1–50 个字的名称，如 春节" });
  return errors;
}

/**
 * Sets a day as a holiday or a make-up working day (or back to ordinary with `remove`). Deadlines already
 * computed keep their dates; new ones use the calendar as it is when they are computed.
 */
export async function setCalendarDay(entry: CalendarEntry): Promise<Array<{ path: string; message: string }>> {
  const errors = calendarEntryErrors(entry);
  if (errors.length) return errors;
  await CalendarDay.upsert({ date: entry.date, kind: entry.kind, name: entry.name.trim() });
  forgetCalendar();
  return [];
}

export async function removeCalendarDay(date: string): Promise<boolean> {
  const removed = (await CalendarDay.destroy({ where: { date } })) > 0;
  forgetCalendar();
  return removed;
}
