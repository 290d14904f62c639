import { DataTypes, type QueryInterface } from "sequelize";

// Frozen. Application drafts, saved as the applicant types and resumed on any device.
export async function up({ context: qi }: { context: QueryInterface }) {
  await qi.createTable("drafts", {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "users", key: "id" } },
    item_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "service_items", key: "id" } },
    item_version_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "item_versions", key: "id" } },
    data: { type: DataTypes.JSON, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex("drafts", ["user_id", "item_id"], { unique: true });
}

export async function down({ context: qi }: { context: QueryInterface }) {
  await qi.dropTable("drafts");
}
