import chineseDays from "chinese-days";
import type { Transaction } from "sequelize";
import { CalendarDay } from "./models.server";
import type { WorkCalendar } from "./workdays";

/** The working-day calendar as the center maintains it in the calendar_days table. */
export async function loadCalendar(transaction?: Transaction): Promise<WorkCalendar> {
  const rows = await CalendarDay.findAll({ transaction });
  return {
    holidays: new Set(rows.filter((r) => r.kind === "holiday").map((r) => r.date)),
    workdays: new Set(rows.filter((r) => r.kind === "workday").map((r) => r.date)),
  };
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
  return added;
}
