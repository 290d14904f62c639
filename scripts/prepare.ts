/**
 * `npm start` step: validate the configuration, migrate, then seed. In the demo (the default of a fresh clone)
 * the demo county with its accounts is seeded and the accounts are printed; in production (HALL_DEMO=off) only
 * the working-day calendar — the center creates its first admin with `npm run create-admin`.
 */
import { seedCalendar } from "~/calendar/service.server";
import { config } from "~/config.server";
import { migrate } from "~/db/migrate.server";
import { sequelize } from "~/db/connection.server";
import { databaseConfig } from "~/db/config.server";
import { User } from "~/identity/models.server";
import { ROLE_LABELS } from "~/identity/roles";
import { demoAccounts, seedDemoCounty } from "~/seed/seed.server";
import { seedSupervisionDemo } from "~/stats/demo-seed.server";

const started = Date.now();
const hall = config();
const db = databaseConfig();
const applied = await migrate();
console.log(`数据库：${db.dialect === "sqlite" ? db.storage : db.url.replace(/\/\/[^@]*@/, "//***@")}`);
console.log(`迁移：${applied.length ? applied.join(", ") : "已是最新"}`);

if (hall.mode === "demo") {
  const report = await seedDemoCounty();
  // Known-count historical cases for the supervision dashboards, only into a database without cases (README).
  const demoCases = hall.demoCases ? await seedSupervisionDemo() : 0;
  console.log(`演示模式，新增种子：区划 ${report.orgUnits}，部门 ${report.departments}，账号 ${report.accounts}，事项 ${report.items}，日历 ${report.calendarDays}，监察演示办件 ${demoCases}（${Date.now() - started} ms）`);
  const demo = demoAccounts();
  console.log(`\n演示账号（密码均为 ${demo.password}）：`);
  for (const a of demo.accounts) console.log(`  ${ROLE_LABELS[a.role].padEnd(8, "　")} ${a.username.padEnd(20)} ${a.name}${a.department ? `（${a.department}）` : ""}`);
} else {
  const year = new Date().getFullYear();
  const days = await seedCalendar([year, year + 1]);
  const admins = await User.count({ where: { role: "center_admin", active: true } });
  console.log(`生产模式（HALL_DEMO=off）：不创建演示数据；新增日历 ${days} 天（${Date.now() - started} ms）`);
  if (!admins) console.log("尚无政务服务中心管理员。创建第一个：HALL_ADMIN_PASSWORD=… npm run create-admin -- --username 用户名 --name 姓名");
}
await sequelize.close();
console.log(`\n紫阳县网上办事大厅：${hall.mode === "demo" ? `http://localhost:${hall.port}` : hall.hallUrl}\n`);
