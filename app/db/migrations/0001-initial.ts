import { DataTypes, type QueryInterface } from "sequelize";
import { LONG_TEXT, MEDIUM_TEXT } from "../connection.server";

// Frozen: later schema changes go into new migrations, never into this file.
const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true };
const ref = (table: string, allowNull = false) => ({
  type: DataTypes.INTEGER,
  allowNull,
  references: { model: table, key: "id" },
});
const timestamps = {
  created_at: { type: DataTypes.DATE, allowNull: false },
  updated_at: { type: DataTypes.DATE, allowNull: false },
};

export async function up({ context: qi }: { context: QueryInterface }) {
  await qi.createTable("org_units", {
    id,
    code: { type: DataTypes.STRING(12), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(50), allowNull: false },
    level: { type: DataTypes.STRING(10), allowNull: false },
    parent_id: ref("org_units", true),
    has_hall: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
  });
  await qi.createTable("departments", {
    id,
    code: { type: DataTypes.STRING(30), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(100), allowNull: false },
    abbreviation: { type: DataTypes.STRING(20), allowNull: false },
    credit_code: { type: DataTypes.STRING(18), allowNull: false },
    org_unit_id: ref("org_units"),
  });
  await qi.createTable("users", {
    id,
    username: { type: DataTypes.STRING(50), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(50), allowNull: false },
    role: { type: DataTypes.STRING(20), allowNull: false },
    department_id: ref("departments", true),
    mobile: { type: DataTypes.STRING(11), allowNull: true, unique: true },
    id_card: { type: DataTypes.STRING(18), allowNull: true, unique: true },
    credit_code: { type: DataTypes.STRING(18), allowNull: true },
    password_hash: { type: DataTypes.STRING(200), allowNull: false },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    ...timestamps,
  });
  await qi.createTable("sessions", {
    id: { type: DataTypes.STRING(64), primaryKey: true },
    user_id: ref("users"),
    expires_at: { type: DataTypes.DATE, allowNull: false },
    revoked_at: { type: DataTypes.DATE, allowNull: true },
    user_agent: { type: DataTypes.STRING(300), allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex("sessions", ["user_id"]);

  await qi.createTable("service_items", {
    id,
    base_code: { type: DataTypes.STRING(12), allowNull: false },
    implementation_code: { type: DataTypes.STRING(31), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(100), allowNull: false },
    department_id: ref("departments"),
    org_unit_id: ref("org_units"),
    popular: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    published_version_id: { type: DataTypes.INTEGER, allowNull: true },
  });
  await qi.createTable("item_versions", {
    id,
    item_id: ref("service_items"),
    version: { type: DataTypes.INTEGER, allowNull: false },
    status: { type: DataTypes.STRING(20), allowNull: false },
    guide: { type: DataTypes.JSON, allowNull: false },
    materials: { type: DataTypes.JSON, allowNull: false },
    licence: { type: DataTypes.JSON, allowNull: true },
    published_at: { type: DataTypes.DATE, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex("item_versions", ["item_id", "version"], { unique: true });
  await qi.createTable("form_definitions", {
    id,
    item_version_id: { ...ref("item_versions"), unique: true },
    kind: { type: DataTypes.STRING(20), allowNull: false },
    json_schema: { type: DataTypes.JSON, allowNull: false },
    ui_schema: { type: DataTypes.JSON, allowNull: false },
    sections: { type: DataTypes.JSON, allowNull: false },
    prefill: { type: DataTypes.JSON, allowNull: false },
  });
  await qi.createTable("workflows", {
    id,
    item_version_id: { ...ref("item_versions"), unique: true },
    definition: { type: DataTypes.JSON, allowNull: false },
  });
  await qi.createTable("templates", {
    id,
    item_version_id: ref("item_versions"),
    kind: { type: DataTypes.STRING(30), allowNull: false },
    title: { type: DataTypes.STRING(50), allowNull: true },
    source: { type: MEDIUM_TEXT, allowNull: true },
  });
  await qi.addIndex("templates", ["item_version_id", "kind"], { unique: true });

  await qi.createTable("calendar_days", {
    date: { type: DataTypes.STRING(10), primaryKey: true },
    kind: { type: DataTypes.STRING(10), allowNull: false },
    name: { type: DataTypes.STRING(50), allowNull: false },
  });
  await qi.createTable("sequences", {
    name: { type: DataTypes.STRING(100), primaryKey: true },
    value: { type: DataTypes.INTEGER, allowNull: false },
  });

  await qi.createTable("cases", {
    id,
    tracking_number: { type: DataTypes.STRING(43), allowNull: false, unique: true },
    item_id: ref("service_items"),
    item_version_id: ref("item_versions"),
    applicant_id: ref("users"),
    applicant_name: { type: DataTypes.STRING(100), allowNull: false },
    applicant_mobile: { type: DataTypes.STRING(11), allowNull: false },
    lead_department_id: ref("departments"),
    org_unit_id: ref("org_units"),
    channel: { type: DataTypes.STRING(10), allowNull: false },
    state: { type: DataTypes.STRING(20), allowNull: false },
    decision: { type: DataTypes.STRING(10), allowNull: true },
    form_data: { type: DataTypes.JSON, allowNull: false },
    submission_key: { type: DataTypes.STRING(64), allowNull: false },
    submitted_at: { type: DataTypes.DATE, allowNull: false },
    accepted_at: { type: DataTypes.DATE, allowNull: true },
    due_date: { type: DataTypes.STRING(10), allowNull: false },
    legal_due_date: { type: DataTypes.STRING(10), allowNull: false },
    completed_at: { type: DataTypes.DATE, allowNull: true },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    ...timestamps,
  });
  await qi.addIndex("cases", ["applicant_id", "submission_key"], { unique: true });
  await qi.addIndex("cases", ["lead_department_id", "state", "due_date"]);
  await qi.addIndex("cases", ["applicant_id", "created_at"]);

  await qi.createTable("review_tasks", {
    id,
    case_id: ref("cases"),
    department_id: ref("departments"),
    role: { type: DataTypes.STRING(10), allowNull: false },
    task: { type: DataTypes.STRING(100), allowNull: false },
    section: { type: DataTypes.STRING(40), allowNull: true },
    state: { type: DataTypes.STRING(10), allowNull: false },
    opinion: { type: DataTypes.STRING(10), allowNull: true },
    comment: { type: DataTypes.TEXT, allowNull: true },
    reviewer_id: ref("users", true),
    due_date: { type: DataTypes.STRING(10), allowNull: false },
    decided_at: { type: DataTypes.DATE, allowNull: true },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    ...timestamps,
  });
  await qi.addIndex("review_tasks", ["case_id", "department_id"], { unique: true });
  await qi.addIndex("review_tasks", ["department_id", "state", "due_date"]);

  await qi.createTable("case_events", {
    id,
    case_id: ref("cases"),
    type: { type: DataTypes.STRING(30), allowNull: false },
    actor_id: ref("users", true),
    actor_name: { type: DataTypes.STRING(100), allowNull: false },
    department_id: ref("departments", true),
    from_state: { type: DataTypes.STRING(20), allowNull: true },
    to_state: { type: DataTypes.STRING(20), allowNull: false },
    note: { type: DataTypes.TEXT, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex("case_events", ["case_id", "id"]);

  await qi.createTable("case_materials", {
    id,
    case_id: ref("cases"),
    material_key: { type: DataTypes.STRING(40), allowNull: false },
    file_name: { type: DataTypes.STRING(200), allowNull: false },
    mime_type: { type: DataTypes.STRING(100), allowNull: false },
    size: { type: DataTypes.INTEGER, allowNull: false },
    storage_path: { type: DataTypes.STRING(300), allowNull: false },
    sha256: { type: DataTypes.STRING(64), allowNull: false },
    uploaded_by: ref("users"),
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex("case_materials", ["case_id"]);

  await qi.createTable("documents", {
    id,
    case_id: ref("cases"),
    kind: { type: DataTypes.STRING(30), allowNull: false },
    number: { type: DataTypes.STRING(60), allowNull: false, unique: true },
    title: { type: DataTypes.STRING(60), allowNull: false },
    html: { type: LONG_TEXT, allowNull: false },
    data: { type: DataTypes.JSON, allowNull: false },
    department_id: ref("departments"),
    issued_by: ref("users", true),
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex("documents", ["case_id"]);

  await qi.createTable("licences", {
    id,
    case_id: ref("cases"),
    number: { type: DataTypes.STRING(60), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(60), allowNull: false },
    holder_name: { type: DataTypes.STRING(100), allowNull: false },
    holder_id: { type: DataTypes.STRING(18), allowNull: true },
    holder_user_id: ref("users"),
    department_id: ref("departments"),
    issued_on: { type: DataTypes.STRING(10), allowNull: false },
    verify_code: { type: DataTypes.STRING(16), allowNull: false, unique: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex("licences", ["holder_user_id"]);

  await qi.createTable("outbox_messages", {
    id,
    channel: { type: DataTypes.STRING(10), allowNull: false },
    recipient: { type: DataTypes.STRING(100), allowNull: false },
    template: { type: DataTypes.STRING(50), allowNull: false },
    payload: { type: DataTypes.JSON, allowNull: false },
    case_id: ref("cases", true),
    status: { type: DataTypes.STRING(10), allowNull: false },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    next_attempt_at: { type: DataTypes.DATE, allowNull: false },
    sent_at: { type: DataTypes.DATE, allowNull: true },
    last_error: { type: DataTypes.TEXT, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex("outbox_messages", ["status", "next_attempt_at"]);
}

export async function down({ context: qi }: { context: QueryInterface }) {
  for (const table of [
    "outbox_messages", "licences", "documents", "case_materials", "case_events", "review_tasks", "cases",
    "sequences", "calendar_days", "templates", "workflows", "form_definitions", "item_versions", "service_items",
    "sessions", "users", "departments", "org_units",
  ]) {
    await qi.dropTable(table);
  }
}
