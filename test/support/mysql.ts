import { createConnection } from "mysql2/promise";

/** Runs one admin statement on the server a mysql:// URL points at (creating and dropping test databases). */
async function onServer(url: URL, sql: string): Promise<void> {
  const admin = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** Creates an empty utf8mb4 database `name` (dropping one left over) and returns the URL that uses it. */
export async function freshMysqlDatabase(serverUrl: string, name: string): Promise<string> {
  const url = new URL(serverUrl.replace(/^mariadb:/, "mysql:"));
  await onServer(url, `DROP DATABASE IF EXISTS \`${name}\``);
  await onServer(url, `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropMysqlDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  await onServer(url, `DROP DATABASE IF EXISTS \`${url.pathname.slice(1)}\``);
}
