import { DataTypes, type QueryInterface } from "sequelize";

// Frozen. 服务满意率 from rollups too (issue #7): ratings are immutable, so each is folded in once, by id,
// into daily and monthly counts (ratings, satisfied = level ≥ 3) by the same job as the case rollups.
export async function up({ context: qi }: { context: QueryInterface }) {
  for (const [table, column, length] of [["stat_rating_days", "day", 10], ["stat_rating_months", "month", 7]] as const) {
    await qi.createTable(table, {
      [column]: { type: DataTypes.STRING(length), allowNull: false },
      department_id: { type: DataTypes.INTEGER, allowNull: false },
      org_unit_id: { type: DataTypes.INTEGER, allowNull: false },
      item_id: { type: DataTypes.INTEGER, allowNull: false },
      channel: { type: DataTypes.STRING(10), allowNull: false },
      ratings: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      satisfied: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    });
    await qi.addIndex(table, [column, "department_id", "org_unit_id", "item_id", "channel"], { unique: true, name: `${table}_key` });
  }
  await qi.bulkInsert("stat_watermarks", [{ name: "case_ratings", last_event_id: 0, refreshed_at: null }]);
}

export async function down({ context: qi }: { context: QueryInterface }) {
  await qi.bulkDelete("stat_watermarks", { name: "case_ratings" });
  await qi.dropTable("stat_rating_months");
  await qi.dropTable("stat_rating_days");
}
