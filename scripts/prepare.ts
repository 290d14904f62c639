/** `npm start` step: migrate and seed the database, then print the demo accounts. */
import { migrate } from "~/db/migrate.server";
import { sequelize } from "~/db/connection.server";
import { databaseConfig } from "~/db/config.server";
import { ROLE_LABELS } from "~/identity/roles";
import { demoAccounts, seedDemoCounty } from "~/seed/seed.server";
import { seedSupervisionDemo } from "~/stats/demo-seed.server";

const started = Date.now();
const config = databaseConfig();
const applied = await migrate();
const report = await seedDemoCounty();
// Known-count historical cases for the supervision dashboards, only into a database without cases (README).
const demoCases = process.env.HALL_DEMO_CASES === "off" ? 0 : await seedSupervisionDemo();
await sequelize.close();

console.log(`数据库：${config.dialect === "sqlite" ? config.storage : config.url.replace(/\/\/[^@]*@/, "//***@")}`);
console.log(`迁移：${applied.length ? applied.join(", ") : "已是最新"}；新增种子：区划 ${report.orgUnits}，部门 ${report.departments}，账号 ${report.accounts}，事项 ${report.items}，日历 ${report.calendarDays}，监察演示办件 ${demoCases}（${Date.now() - started} ms）`);
const demo = demoAccounts();
console.log(`\n演示账号（密码均为 ${demo.password}）：`);
for (const a of demo.accounts) console.log(`  ${ROLE_LABELS[a.role].padEnd(8, "　")} ${a.username.padEnd(20)} ${a.name}${a.department ? `（${a.department}）` : ""}`);
console.log(`\n紫阳县网上办事大厅：http://localhost:${process.env.PORT ?? 3000}\n`);
