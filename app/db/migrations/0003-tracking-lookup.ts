import type { QueryInterface } from "sequelize";

// Frozen. The anonymous progress query looks cases up by the applicant's mobile number.
export async function up({ context: qi }: { context: QueryInterface }) {
  await qi.addIndex("cases", ["applicant_mobile"]);
}

export async function down({ context: qi }: { context: QueryInterface }) {
  await qi.removeIndex("cases", ["applicant_mobile"]);
}
