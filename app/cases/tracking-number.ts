/**
 * 办件编号: the item's 31-character 实施编码 + yyyyMMdd + a 4-digit daily sequence (per 实施编码 and day).
 */
export function trackingNumber(implementationCode: string, chinaDate: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999) throw new RangeError(`daily sequence out of range: ${sequence}`);
  return `${trackingPrefix(implementationCode, chinaDate)}${String(sequence).padStart(4, "0")}`;
}

/**
 * trackingNumber computed by the database from the counter's value (an SQL expression) — for a write that takes
 * the counter and the number in the same batch; `quotedPrefix` is trackingPrefix as an SQL string literal. Equal to
 * trackingNumber for sequences 1–9999 (tested on both databases) and NULL past 9999, which the NOT NULL column
 * refuses, as trackingNumber throws.
 */
export function trackingNumberSql(quotedPrefix: string, counterSql: string, dialect: "mysql" | "sqlite"): string {
  const number = dialect === "mysql" ? `CONCAT(${quotedPrefix}, LPAD(${counterSql}, 4, '0'))` : `${quotedPrefix} || substr('000' || ${counterSql}, -4)`;
  return `(CASE WHEN ${counterSql} BETWEEN 1 AND 9999 THEN ${number} END)`;
}

/** The fixed part of a tracking number: 实施编码 + yyyyMMdd. */
export function trackingPrefix(implementationCode: string, chinaDate: string): string {
  if (implementationCode.length !== 31) throw new Error(`实施编码应为 31 位：${implementationCode}`);
  return `${implementationCode}${chinaDate.replaceAll("-", "")}`;
}

/** The counter name that makes the sequence daily and per 实施编码. */
export function trackingSequenceName(implementationCode: string, chinaDate: string): string {
  return `case:${implementationCode}:${chinaDate}`;
}

export const TRACKING_NUMBER_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}[2-6][0-9A-Z]{12}\d{8}\d{4}$/;

/**
 * The short form shown to applicants: the 基本编码's last 4, the date and the sequence, e.g. "0001-20261127-0003".
 * It identifies a case together with the applicant's phone; the full number stays on documents.
 */
export function shortTrackingNumber(tracking: string): string {
  const base = tracking.slice(19, 31);
  const date = tracking.slice(31, 39);
  const seq = tracking.slice(39);
  return `${base.slice(-4)}-${date}-${seq}`;
}
