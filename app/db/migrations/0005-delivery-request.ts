import { DataTypes, type QueryInterface } from "sequelize";

// Frozen. Where the applicant asked the result to be sent (courier delivery, 证照快递).
export async function up({ context: qi }: { context: QueryInterface }) {
  await qi.addColumn("cases", "delivery_address", { type: DataTypes.TEXT, allowNull: true });
}

export async function down({ context: qi }: { context: QueryInterface }) {
  await qi.removeColumn("cases", "delivery_address");
}
