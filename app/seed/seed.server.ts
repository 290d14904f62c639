import fs from "node:fs";
import path from "node:path";
import { InvalidConfigurationError, publishVersion } from "~/catalog/service.server";
import { ServiceItem } from "~/catalog/models.server";
import { seedCalendar } from "~/calendar/service.server";
import { sequelize } from "~/db/connection.server";
import { User } from "~/identity/models.server";
import { hashPassword } from "~/identity/password.server";
import { Department, OrgUnit } from "~/org/models.server";
import type { DemoAccounts, DepartmentConfig, OrgUnitConfig, SeedItem } from "~/schemas/types.generated";
import { validateAgainst } from "~/schemas/validate.server";

const SEED_DIR = path.resolve("seeds");

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(SEED_DIR, file), "utf8"));
}

/** Reads a seed file and validates it (each element when it is a list) against its schema; throws on errors. */
function load<T>(file: string, schemaId: string): T {
  const doc = readJson(file);
  const docs = Array.isArray(doc) ? doc : [doc];
  docs.forEach((d, i) => {
    const errors = validateAgainst(schemaId, d);
    if (errors.length) throw new Error(`seeds/${file}[${i}] 不符合 ${schemaId}：${errors.map((e) => `${e.path} ${e.message}`).join("；")}`);
  });
  return doc as T;
}

export function seedItemFiles(): string[] {
  return fs.readdirSync(path.join(SEED_DIR, "items")).filter((f) => f.endsWith(".json")).sort().map((f) => `items/${f}`);
}

export interface SeedReport {
  orgUnits: number;
  departments: number;
  accounts: number;
  items: number;
  calendarDays: number;
}

/** Seeds the demo county. Idempotent: rows that exist (by code or username) are left as they are. */
export async function seedDemoCounty(years = [new Date().getFullYear(), new Date().getFullYear() + 1]): Promise<SeedReport> {
  const report: SeedReport = { orgUnits: 0, departments: 0, accounts: 0, items: 0, calendarDays: 0 };

  const units = load<OrgUnitConfig[]>("org-units.json", "org-unit.schema.json");
  await sequelize.transaction(async (transaction) => {
    for (const unit of units) {
      const parent = unit.parent ? await OrgUnit.findOne({ where: { code: unit.parent }, transaction }) : null;
      const [, created] = await OrgUnit.findOrCreate({
        where: { code: unit.code },
        defaults: { code: unit.code, name: unit.name, level: unit.level, parentId: parent?.id ?? null, hasHall: unit.hall },
        transaction,
      });
      if (created) report.orgUnits++;
    }
  });

  const departments = load<DepartmentConfig[]>("departments.json", "department.schema.json");
  await sequelize.transaction(async (transaction) => {
    for (const d of departments) {
      const unit = await OrgUnit.findOne({ where: { code: d.orgUnit }, transaction });
      if (!unit) throw new Error(`seeds/departments.json: ${d.code} 的行政区划 ${d.orgUnit} 不存在`);
      const [department, created] = await Department.findOrCreate({
        where: { code: d.code },
        defaults: { code: d.code, name: d.name, abbreviation: d.abbreviation, creditCode: d.creditCode, orgUnitId: unit.id, itemListCount: d.itemListCount ?? null },
        transaction,
      });
      if (created) report.departments++;
      // Databases seeded before the 事项清单 size existed get it once; a value set since is left alone.
      else if (department.itemListCount == null && d.itemListCount != null) await department.update({ itemListCount: d.itemListCount }, { transaction });
    }
  });

  const demo = load<DemoAccounts>("accounts.json", "demo-accounts.schema.json");
  const passwordHash = await hashPassword(demo.password);
  for (const account of demo.accounts) {
    if (await User.findOne({ where: { username: account.username } })) continue;
    const department = account.department ? await Department.findOne({ where: { code: account.department } }) : null;
    if (account.department && !department) throw new Error(`seeds/accounts.json: ${account.username} 的部门 ${account.department} 不存在`);
    await User.create({
      username: account.username,
      name: account.name,
      role: account.role,
      departmentId: department?.id ?? null,
      mobile: account.mobile ?? null,
      idCard: account.idCard ?? null,
      creditCode: account.creditCode ?? null,
      email: account.email ?? null,
      passwordHash,
    });
    report.accounts++;
  }

  for (const file of seedItemFiles()) {
    const seed = load<SeedItem>(file, "seed-item.schema.json");
    if (await ServiceItem.findOne({ where: { implementationCode: seed.version.item.implementationCode } })) continue;
    try {
      await publishVersion(seed.version, { departmentCode: seed.department, orgUnitCode: seed.orgUnit, popular: seed.popular });
    } catch (error) {
      if (error instanceof InvalidConfigurationError) throw new Error(`seeds/${file} 未通过事项检查：${error.message}`);
      throw error;
    }
    report.items++;
  }

  report.calendarDays = await seedCalendar(years);
  return report;
}

export function demoAccounts(): DemoAccounts {
  return readJson("accounts.json") as DemoAccounts;
}
