import ExcelJS from "exceljs";
import type { StatTable } from "./tables";

/** One worksheet: a title row, the period, then the table exactly as the page shows it (header row + cells). */
export async function toXlsx(table: StatTable, period: { from: string; to: string }, scopeLabel: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "紫阳县网上办事大厅";
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(table.title.slice(0, 31));
  sheet.addRow([table.title]).font = { bold: true, size: 14 };
  sheet.addRow([`统计期间：${period.from} 至 ${period.to}　范围：${scopeLabel}`]);
  if (table.note) sheet.addRow([table.note]);
  sheet.addRow([]);
  const header = sheet.addRow(table.columns);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF0F2F5" } };
    cell.border = { bottom: { style: "thin" } };
  });
  for (const row of table.rows) sheet.addRow(row);
  table.columns.forEach((c, i) => {
    const widest = Math.max(c.length, ...table.rows.map((r) => String(r[i] ?? "").length));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, widest * 2 + 2));
  });
  sheet.views = [{ state: "frozen", ySplit: header.number }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
