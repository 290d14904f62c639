/**
 * `npm run bench:directory`: how long the center waits for a whole county's directory — 51 departments and
 * 500 staff accounts in one .xlsx — to be checked and imported, on a fresh demo database (SQLite by default,
 * MariaDB with DATABASE_URL). Prints the figures as JSON on its last line.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hall-bench-directory-"));
process.env.DATABASE_URL ??= `sqlite:${path.join(dir, "hall.sqlite")}`;
const { migrate } = await import("~/db/migrate.server");
const { seedDemoCounty } = await import("~/seed/seed.server");
const { sequelize } = await import("~/db/connection.server");
const { User } = await import("~/identity/models.server");
const { toCurrentUser } = await import("~/identity/session.server");
const { creditCodeCheckChar } = await import("~/identity/credit-code");
const { importDirectoryWorkbook } = await import("~/center/directory-workbook.server");

await migrate();
await seedDemoCounty();
const center = await toCurrentUser((await User.findOne({ where: { username: "center" } }))!);

const DEPARTMENTS = 51;
const STAFF = 500;
const wb = new ExcelJS.Workbook();
const departments = wb.addWorksheet("部门");
departments.addRow(["部门代码", "部门名称", "文书简称", "统一社会信用代码", "所属区划代码", "事项清单事项数", "咨询电话", "投诉电话"]);
for (let i = 0; i < DEPARTMENTS; i++) {
  const body = `11610924MB29${String(80000 + i)}`;
  departments.addRow([`bd${i}`, `紫阳县测试局${i}`, `紫测${i}`, body + creditCodeCheckChar(body), "610924", "20", "0915-4320000", ""]);
}
const staff = wb.addWorksheet("人员");
staff.addRow(["用户名", "姓名", "手机号码", "电子邮箱", "所属部门代码", "角色"]);
for (let i = 0; i < STAFF; i++) staff.addRow([`bench_${i}`, "测试人员", "", "", `bd${i % DEPARTMENTS}`, i % 10 === 0 ? "部门事项管理员、审批人员" : "审批人员"]);
const bytes = new Uint8Array(await wb.xlsx.writeBuffer());

const started = performance.now();
const result = await importDirectoryWorkbook(center, bytes);
const importMs = Math.round(performance.now() - started);
if ("errors" in result) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
const again = performance.now();
await importDirectoryWorkbook(center, bytes);
const unchangedMs = Math.round(performance.now() - again);
await sequelize.close();
fs.rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify({ dialect: sequelize.getDialect(), departments: DEPARTMENTS, staff: STAFF, workbook_kb: Math.round(bytes.byteLength / 1024), import_ms: importMs, reimport_unchanged_ms: unchangedMs }));
