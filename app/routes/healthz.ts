import { sequelize } from "~/db/connection.server";

/** 200 when the database answers, 503 when it does not. */
export async function loader() {
  const started = Date.now();
  try {
    await sequelize.query("SELECT 1");
    return Response.json({ status: "ok", database: sequelize.getDialect(), latencyMs: Date.now() - started });
  } catch (error) {
    return Response.json({ status: "unavailable", database: sequelize.getDialect(), error: "数据库无法连接" }, { status: 503 });
  }
}
