/**
 * Runs before each test file: points DATABASE_URL at a database of its own. SQLite by default (a fresh file);
 * MySQL/MariaDB when TEST_DATABASE_URL=mysql://… is set (a freshly created database per worker and file).
 */
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll } from "vitest";

const worker = process.env.VITEST_POOL_ID ?? "0";
const unique = `${worker}_${randomBytes(3).toString("hex")}`;
const mysqlUrl = process.env.TEST_DATABASE_URL?.trim();

if (mysqlUrl && /^mysql:|^mariadb:/.test(mysqlUrl)) {
  const { dropMysqlDatabase, freshMysqlDatabase } = await import("../support/mysql");
  const url = await freshMysqlDatabase(mysqlUrl, `hall_test_${unique}`);
  process.env.DATABASE_URL = url;
  afterAll(() => dropMysqlDatabase(url));
} else {
  const dir = path.resolve("data", "test");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `hall-${unique}.sqlite`);
  process.env.DATABASE_URL = `sqlite:${file}`;
  afterAll(() => {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  });
}
