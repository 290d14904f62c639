import { DataTypes, type QueryInterface } from "sequelize";

// Frozen. E-mail addresses for staff reminders, the applicants' opt-out of non-essential messages, and a key
// that lets a message be enqueued at most once (the reviewers' daily reminder).
export async function up({ context: qi }: { context: QueryInterface }) {
  await qi.addColumn("users", "email", { type: DataTypes.STRING(120), allowNull: true });
  await qi.addColumn("users", "notify_opt_out", { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
  await qi.addColumn("outbox_messages", "dedupe_key", { type: DataTypes.STRING(120), allowNull: true });
  await qi.addIndex("outbox_messages", ["dedupe_key"], { unique: true, name: "outbox_messages_dedupe_key" });
}

export async function down({ context: qi }: { context: QueryInterface }) {
  await qi.removeIndex("outbox_messages", "outbox_messages_dedupe_key");
  await qi.removeColumn("outbox_messages", "dedupe_key");
  await qi.removeColumn("users", "notify_opt_out");
  await qi.removeColumn("users", "email");
}
