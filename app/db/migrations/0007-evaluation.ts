import { DataTypes, type QueryInterface } from "sequelize";

// Frozen. 好差评: one rating per case (一事一评) and, for every 差评, the department's follow-up (整改).
const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };
const ref = (table: string, allowNull = false) => ({ type: DataTypes.INTEGER, allowNull, references: { model: table, key: "id" } });
const score = { type: DataTypes.INTEGER, allowNull: true };

export async function up({ context: qi }: { context: QueryInterface }) {
  await qi.createTable("case_ratings", {
    id,
    // The unique key is what makes 一事一评 hold under concurrent submissions.
    case_id: { ...ref("cases"), unique: true },
    applicant_id: ref("users"),
    department_id: ref("departments"),
    item_id: ref("service_items"),
    level: { type: DataTypes.INTEGER, allowNull: false },
    efficiency: score,
    guide_accuracy: score,
    convenience: score,
    usability: score,
    comment: { type: DataTypes.TEXT, allowNull: true },
    reason_category: { type: DataTypes.STRING(30), allowNull: true },
    reason: { type: DataTypes.TEXT, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex("case_ratings", ["department_id", "level"]);
  await qi.addIndex("case_ratings", ["created_at"]);

  await qi.createTable("rating_follow_ups", {
    id,
    rating_id: { ...ref("case_ratings"), unique: true },
    case_id: ref("cases"),
    department_id: ref("departments"),
    state: { type: DataTypes.STRING(20), allowNull: false },
    opened_on: { type: DataTypes.STRING(10), allowNull: false },
    deadline: { type: DataTypes.STRING(10), allowNull: false },
    called_by: ref("users", true),
    called_by_name: { type: DataTypes.STRING(50), allowNull: true },
    called_at: { type: DataTypes.DATE, allowNull: true },
    call_note: { type: DataTypes.TEXT, allowNull: true },
    resolved_by: ref("users", true),
    resolved_by_name: { type: DataTypes.STRING(50), allowNull: true },
    resolved_at: { type: DataTypes.DATE, allowNull: true },
    resolution: { type: DataTypes.TEXT, allowNull: true },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex("rating_follow_ups", ["case_id"]);
  await qi.addIndex("rating_follow_ups", ["department_id", "state", "deadline"]);
  await qi.addIndex("rating_follow_ups", ["state", "deadline"]);
}

export async function down({ context: qi }: { context: QueryInterface }) {
  await qi.dropTable("rating_follow_ups");
  await qi.dropTable("case_ratings");
}
