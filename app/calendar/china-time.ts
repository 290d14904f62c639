/** China has one time zone and no daylight saving: UTC+8 always. */
const OFFSET_MS = 8 * 3600_000;

/** The calendar date in China of an instant, as YYYY-MM-DD. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** 2026-11-27T03:04:05Z → "2026-11-27 11:04" (China time), for timelines. */
export function chinaDateTime(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
}

/** "2026-11-27" → "2026年11月27日" for documents. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}
