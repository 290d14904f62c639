import { afterAll } from "vitest";
import { ServiceItem } from "~/catalog/models.server";
import { sequelize } from "~/db/connection.server";
import { migrate } from "~/db/migrate.server";
import { User } from "~/identity/models.server";
import { toCurrentUser, type CurrentUser } from "~/identity/session.server";
import { seedDemoCounty } from "~/seed/seed.server";

afterAll(async () => {
  await sequelize.close();
});

/** Migrates and seeds this test file's own database (see test/setup/database.ts). */
export async function freshDatabase() {
  await migrate();
  return seedDemoCounty([2026, 2027]);
}

export async function userNamed(username: string): Promise<CurrentUser> {
  const user = await User.findOne({ where: { username } });
  if (!user) throw new Error(`no demo user ${username}`);
  return toCurrentUser(user);
}

export async function itemByName(name: string): Promise<ServiceItem> {
  const item = await ServiceItem.findOne({ where: { name } });
  if (!item?.publishedVersionId) throw new Error(`no published item ${name}`);
  return item;
}

export const isMysql = () => sequelize.getDialect() === "mysql";
