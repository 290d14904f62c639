import { DataTypes, type QueryInterface } from "sequelize";

// Frozen. Online fee payments (网上缴费): one row per attempt, a case may need several (failed, timed out).
export async function up({ context: qi }: { context: QueryInterface }) {
  await qi.createTable("payments", {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    case_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "cases", key: "id" } },
    // The case id while the attempt is pending or paid, NULL once it failed or timed out: the unique key lets
    // a case have at most one open-or-paid attempt, so two paid rows for a case cannot exist.
    active_case_id: { type: DataTypes.INTEGER, allowNull: true, unique: true },
    amount_fen: { type: DataTypes.INTEGER, allowNull: false },
    fee_items: { type: DataTypes.JSON, allowNull: false },
    provider: { type: DataTypes.STRING(30), allowNull: false },
    provider_order_id: { type: DataTypes.STRING(64), allowNull: false, unique: true },
    pay_url: { type: DataTypes.STRING(500), allowNull: true },
    status: { type: DataTypes.STRING(12), allowNull: false },
    paid_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex("payments", ["case_id"]);
}

export async function down({ context: qi }: { context: QueryInterface }) {
  await qi.dropTable("payments");
}
