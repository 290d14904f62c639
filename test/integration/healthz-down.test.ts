import { expect, it } from "vitest";
import { sequelize } from "~/db/connection.server";
import { loader as healthz } from "~/routes/healthz";

it("answers /healthz with 503 and a Chinese message when the database does not answer", async () => {
  await sequelize.close();
  const response = (await healthz()) as Response;
  expect(response.status).toBe(503);
  expect(await response.json()).toMatchObject({ status: "unavailable", error: "数据库无法连接" });
});
