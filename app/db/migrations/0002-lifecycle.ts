import { DataTypes, type QueryInterface } from "sequelize";

// Frozen. The full lifecycle: pauses, extension, delivery, deemed consent, overdue flags, claiming tasks.
export async function up({ context: qi }: { context: QueryInterface }) {
  await qi.addColumn("cases", "join_outcome", { type: DataTypes.STRING(10), allowNull: true });
  await qi.addColumn("cases", "paused_on", { type: DataTypes.STRING(10), allowNull: true });
  await qi.addColumn("cases", "extension_reason", { type: DataTypes.TEXT, allowNull: true });
  await qi.addColumn("cases", "delivery_method", { type: DataTypes.STRING(10), allowNull: true });
  await qi.addColumn("cases", "courier_company", { type: DataTypes.STRING(50), allowNull: true });
  await qi.addColumn("cases", "courier_tracking", { type: DataTypes.STRING(50), allowNull: true });
  await qi.addColumn("cases", "overdue", { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  await qi.addIndex("cases", ["overdue", "due_date"]);
  await qi.addColumn("review_tasks", "assignee_id", { type: DataTypes.INTEGER, allowNull: true, references: { model: "users", key: "id" } });
  await qi.addColumn("review_tasks", "deemed", { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  await qi.addIndex("review_tasks", ["state", "due_date"]);
}

export async function down({ context: qi }: { context: QueryInterface }) {
  await qi.removeIndex("review_tasks", ["state", "due_date"]);
  for (const column of ["deemed", "assignee_id"]) await qi.removeColumn("review_tasks", column);
  await qi.removeIndex("cases", ["overdue", "due_date"]);
  for (const column of ["overdue", "courier_tracking", "courier_company", "delivery_method", "extension_reason", "paused_on", "join_outcome"]) {
    await qi.removeColumn("cases", column);
  }
}
