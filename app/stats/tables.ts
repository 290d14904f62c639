/**
 * A dashboard table as data: the page renders it, and the exports write exactly the same cells, so an export
 * always matches what the page shows.
 */
export type Cell = string | number;

export interface StatTable {
  /** Stable name, used by `/supervision/export?table=…`. */
  key: string;
  title: string;
  columns: string[];
  rows: Cell[][];
  /** Optional link for each row's first cell (e.g. the workbench case), not exported. */
  links?: Array<string | null>;
  /** Optional CSS class per row (e.g. "overdue" for a red case). */
  rowClasses?: Array<string | null>;
  /** A note under the title (formulas, what is counted). */
  note?: string;
}

const BOM = "\uFEFF";

function csvCell(value: Cell): string {
  const text = String(value);
  // Quote when needed; a leading = + - @ would be a formula in Excel: prefix it with ' (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value !== "number" ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 CSV with a byte-order mark, so Excel opens the Chinese correctly; CRLF line ends. */
export function toCsv(table: StatTable): string {
  return BOM + [table.columns, ...table.rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** A file name for downloads: 办件统计-按部门-2026-01-01至2026-12-31. */
export function exportFileName(table: StatTable, from: string, to: string, extension: "csv" | "xlsx"): string {
  return `${table.title}-${from}至${to}.${extension}`;
}
