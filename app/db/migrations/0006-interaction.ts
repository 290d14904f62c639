import { DataTypes, type QueryInterface } from "sequelize";

// Frozen. 在线交流: public questions per service item, private messages per case.
const ref = (table: string, allowNull = false) => ({
  type: DataTypes.INTEGER,
  allowNull,
  references: { model: table, key: "id" },
});

export async function up({ context: qi }: { context: QueryInterface }) {
  await qi.createTable("item_questions", {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    item_id: ref("service_items"),
    // The item's department when asked: the department's unanswered list reads this column alone.
    department_id: ref("departments"),
    asker_id: ref("users"),
    asker_name: { type: DataTypes.STRING(100), allowNull: false },
    question: { type: DataTypes.TEXT, allowNull: false },
    answer: { type: DataTypes.TEXT, allowNull: true },
    answerer_id: ref("users", true),
    answered_at: { type: DataTypes.DATE, allowNull: true },
    hidden_reason: { type: DataTypes.TEXT, allowNull: true },
    hidden_by: ref("users", true),
    hidden_at: { type: DataTypes.DATE, allowNull: true },
    merged_into_id: ref("item_questions", true),
    merged_by: ref("users", true),
    merged_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex("item_questions", ["item_id", "answered_at"]);
  await qi.addIndex("item_questions", ["department_id", "answered_at"]);
  await qi.addIndex("item_questions", ["asker_id", "created_at"]);
  await qi.addIndex("item_questions", ["merged_into_id"]);

  await qi.createTable("case_messages", {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    case_id: ref("cases"),
    // Copied from the case (neither changes), so each side's unread count is one indexed lookup.
    applicant_id: ref("users"),
    department_id: ref("departments"),
    from_applicant: { type: DataTypes.BOOLEAN, allowNull: false },
    sender_id: ref("users"),
    sender_name: { type: DataTypes.STRING(100), allowNull: false },
    body: { type: DataTypes.TEXT, allowNull: false },
    // Read marker: set when the other side opens the thread.
    read_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex("case_messages", ["case_id", "created_at"]);
  await qi.addIndex("case_messages", ["applicant_id", "from_applicant", "read_at"]);
  await qi.addIndex("case_messages", ["department_id", "from_applicant", "read_at"]);
}

export async function down({ context: qi }: { context: QueryInterface }) {
  await qi.dropTable("case_messages");
  await qi.dropTable("item_questions");
}
