import { DataTypes, type QueryInterface } from "sequelize";

// Frozen. Center administration (issue #17): org units can be retired (keeping their history), departments carry their phones,
// staff hold one or more roles and may be made to change a temporary password, and every change the center
// makes is in an append-only audit log.
export async function up({ context: qi }: { context: QueryInterface }) {
  await qi.addColumn("org_units", "retired_at", { type: DataTypes.DATE, allowNull: true });
  await qi.addColumn("departments", "consult_phone", { type: DataTypes.STRING(30), allowNull: true });
  await qi.addColumn("departments", "complaint_phone", { type: DataTypes.STRING(30), allowNull: true });
  await qi.addColumn("users", "roles", { type: DataTypes.JSON, allowNull: true });
  await qi.addColumn("users", "must_change_password", { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  // json_array exists in SQLite (JSON1) and MariaDB/MySQL alike.
  await qi.sequelize.query("UPDATE users SET roles = json_array(role)");

  await qi.createTable("admin_audit", {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    actor_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: "users", key: "id" } },
    actor_name: { type: DataTypes.STRING(50), allowNull: false },
    action: { type: DataTypes.STRING(30), allowNull: false },
    entity: { type: DataTypes.STRING(20), allowNull: false },
    entity_key: { type: DataTypes.STRING(50), allowNull: false },
    detail: { type: DataTypes.TEXT, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex("admin_audit", ["entity", "entity_key", "id"]);
  await qi.addIndex("admin_audit", ["created_at"]);
}

export async function down({ context: qi }: { context: QueryInterface }) {
  await qi.dropTable("admin_audit");
  await qi.removeColumn("users", "must_change_password");
  await qi.removeColumn("users", "roles");
  await qi.removeColumn("departments", "complaint_phone");
  await qi.removeColumn("departments", "consult_phone");
  await qi.removeColumn("org_units", "retired_at");
}
