import { DataTypes, type QueryInterface } from "sequelize";

// Frozen. Statistics and electronic supervision (issue #7): daily rollups of cases kept current from the
// append-only timeline by a background job (app/stats/rollups.server.ts), the job's watermark, each
// department's 事项清单 size (the denominator of 事项进驻率), and indexes for the live red/yellow lists.
export async function up({ context: qi }: { context: QueryInterface }) {
  // Cases submitted on `day` (China date) that are now in `state`, per item, department, town and channel.
  await qi.createTable("stat_case_days", {
    day: { type: DataTypes.STRING(10), allowNull: false },
    department_id: { type: DataTypes.INTEGER, allowNull: false },
    org_unit_id: { type: DataTypes.INTEGER, allowNull: false },
    item_id: { type: DataTypes.INTEGER, allowNull: false },
    channel: { type: DataTypes.STRING(10), allowNull: false },
    state: { type: DataTypes.STRING(20), allowNull: false },
    cases: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });
  await qi.addIndex("stat_case_days", ["day", "department_id", "org_unit_id", "item_id", "channel", "state"], { unique: true, name: "stat_case_days_key" });
  // Covering indexes (the count included): a dashboard scan reads the index only, never the table.
  await qi.addIndex("stat_case_days", ["day", "department_id", "org_unit_id", "item_id", "channel", "state", "cases"], { name: "stat_case_days_cover" });
  await qi.addIndex("stat_case_days", ["department_id", "day", "org_unit_id", "item_id", "channel", "state", "cases"], { name: "stat_case_days_department" });
  await qi.addIndex("stat_case_days", ["org_unit_id", "day", "department_id", "item_id", "channel", "state", "cases"], { name: "stat_case_days_town" });

  // Cases completed (办结) on `day` (China date), and how many of them by their promised date.
  await qi.createTable("stat_finish_days", {
    day: { type: DataTypes.STRING(10), allowNull: false },
    department_id: { type: DataTypes.INTEGER, allowNull: false },
    org_unit_id: { type: DataTypes.INTEGER, allowNull: false },
    item_id: { type: DataTypes.INTEGER, allowNull: false },
    channel: { type: DataTypes.STRING(10), allowNull: false },
    finished: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    on_time: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });
  await qi.addIndex("stat_finish_days", ["day", "department_id", "org_unit_id", "item_id", "channel"], { unique: true, name: "stat_finish_days_key" });
  await qi.addIndex("stat_finish_days", ["department_id", "day", "org_unit_id", "item_id", "finished", "on_time"], { name: "stat_finish_days_department" });
  await qi.addIndex("stat_finish_days", ["org_unit_id", "day", "department_id", "item_id", "finished", "on_time"], { name: "stat_finish_days_town" });

  // The same by month ("YYYY-MM"): a one-year dashboard reads twelve months here and only the days of a
  // partial first or last month from the daily tables.
  await qi.createTable("stat_case_months", {
    month: { type: DataTypes.STRING(7), allowNull: false },
    department_id: { type: DataTypes.INTEGER, allowNull: false },
    org_unit_id: { type: DataTypes.INTEGER, allowNull: false },
    item_id: { type: DataTypes.INTEGER, allowNull: false },
    channel: { type: DataTypes.STRING(10), allowNull: false },
    state: { type: DataTypes.STRING(20), allowNull: false },
    cases: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });
  await qi.addIndex("stat_case_months", ["month", "department_id", "org_unit_id", "item_id", "channel", "state"], { unique: true, name: "stat_case_months_key" });
  await qi.addIndex("stat_case_months", ["department_id", "month", "org_unit_id", "item_id", "channel", "state", "cases"], { name: "stat_case_months_department" });
  await qi.addIndex("stat_case_months", ["org_unit_id", "month", "department_id", "item_id", "channel", "state", "cases"], { name: "stat_case_months_town" });
  await qi.createTable("stat_finish_months", {
    month: { type: DataTypes.STRING(7), allowNull: false },
    department_id: { type: DataTypes.INTEGER, allowNull: false },
    org_unit_id: { type: DataTypes.INTEGER, allowNull: false },
    item_id: { type: DataTypes.INTEGER, allowNull: false },
    channel: { type: DataTypes.STRING(10), allowNull: false },
    finished: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    on_time: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
  });
  await qi.addIndex("stat_finish_months", ["month", "department_id", "org_unit_id", "item_id", "channel"], { unique: true, name: "stat_finish_months_key" });

  // The state each case is counted in, so a refresh moves a case between buckets by what the case row says
  // now (the timeline only tells which cases changed): exact even when a timeline skips a step, and idempotent.
  await qi.createTable("stat_case_states", {
    case_id: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    state: { type: DataTypes.STRING(20), allowNull: false },
  });

  // The last case_events id folded into the rollups; updated in the same transaction as the deltas.
  await qi.createTable("stat_watermarks", {
    name: { type: DataTypes.STRING(30), allowNull: false, primaryKey: true },
    last_event_id: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    refreshed_at: { type: DataTypes.DATE, allowNull: true },
  });
  await qi.bulkInsert("stat_watermarks", [{ name: "case_events", last_event_id: 0, refreshed_at: null }]);

  await qi.addColumn("departments", "item_list_count", { type: DataTypes.INTEGER, allowNull: true });

  // Live lists: running cases past (red) or near (yellow) their promised date, county-wide and per town
  // (per department is served by cases(lead_department_id, state, due_date) from 0001).
  await qi.addIndex("cases", ["state", "due_date"], { name: "cases_state_due_date" });
  await qi.addIndex("cases", ["org_unit_id", "state", "due_date"], { name: "cases_org_unit_state_due_date" });
}

export async function down({ context: qi }: { context: QueryInterface }) {
  await qi.removeIndex("cases", "cases_org_unit_state_due_date");
  await qi.removeIndex("cases", "cases_state_due_date");
  await qi.removeColumn("departments", "item_list_count");
  await qi.dropTable("stat_watermarks");
  await qi.dropTable("stat_case_states");
  await qi.dropTable("stat_finish_months");
  await qi.dropTable("stat_case_months");
  await qi.dropTable("stat_finish_days");
  await qi.dropTable("stat_case_days");
}
