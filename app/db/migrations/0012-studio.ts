import { DataTypes, type QueryInterface } from "sequelize";

// Frozen. The item studio: one working draft per item (a whole version document) that goes to the service
// center for publication, and the item's audit trail of studio actions.
export async function up({ context: qi }: { context: QueryInterface }) {
  await qi.createTable("item_drafts", {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    item_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: "service_items", key: "id" } },
    department_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "departments", key: "id" } },
    org_unit_code: { type: DataTypes.STRING(20), allowNull: true },
    base_version_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: "item_versions", key: "id" } },
    document: { type: DataTypes.JSON, allowNull: false },
    status: { type: DataTypes.STRING(20), allowNull: false },
    center_comment: { type: DataTypes.TEXT, allowNull: true },
    published_version_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: "item_versions", key: "id" } },
    // Set while the draft is open (editing, submitted, returned): one open draft per item.
    open_item_key: { type: DataTypes.STRING(40), allowNull: true },
    row_version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    created_by: { type: DataTypes.INTEGER, allowNull: false, references: { model: "users", key: "id" } },
    created_at: { type: DataTypes.DATE, allowNull: false },
    updated_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex("item_drafts", ["open_item_key"], { unique: true, name: "item_drafts_open_item" });
  await qi.addIndex("item_drafts", ["department_id", "status"]);
  await qi.addIndex("item_drafts", ["status", "updated_at"]);

  await qi.createTable("item_audit", {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    item_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: "service_items", key: "id" } },
    draft_id: { type: DataTypes.INTEGER, allowNull: true, references: { model: "item_drafts", key: "id" } },
    actor_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: "users", key: "id" } },
    actor_name: { type: DataTypes.STRING(50), allowNull: false },
    action: { type: DataTypes.STRING(30), allowNull: false },
    detail: { type: DataTypes.TEXT, allowNull: true },
    created_at: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex("item_audit", ["item_id", "id"]);
  await qi.addIndex("item_audit", ["draft_id", "id"]);
}

export async function down({ context: qi }: { context: QueryInterface }) {
  await qi.dropTable("item_audit");
  await qi.dropTable("item_drafts");
}
