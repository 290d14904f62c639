import path from "node:path";
import { config } from "~/config.server";

export type DatabaseConfig =
  | { dialect: "sqlite"; storage: string }
  | { dialect: "mysql"; url: string };

/** DATABASE_URL unset → embedded SQLite under data/; mysql://… → MySQL 8 / MariaDB 10.11. */
export function databaseConfig(url = config().databaseUrl): DatabaseConfig {
  if (!url) return { dialect: "sqlite", storage: path.resolve("data", "hall.sqlite") };
  if (url.startsWith("sqlite:")) {
    const file = url.replace(/^sqlite:(\/\/)?/, "");
    return { dialect: "sqlite", storage: path.resolve(file) };
  }
  if (url.startsWith("mysql://") || url.startsWith("mariadb://")) {
    return { dialect: "mysql", url: url.replace(/^mariadb:/, "mysql:") };
  }
  throw new Error(`DATABASE_URL 不受支持：${url.split(":")[0]}（支持 sqlite: 和 mysql://）`);
}
