import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes } from "sequelize";
import { sequelize } from "~/db/connection.server";
import type { ItemVersionDocument } from "~/schemas/types.generated";

/** editing → submitted → published, or → returned (with the center's comment) → editing again. */
export type DraftStatus = "editing" | "submitted" | "returned" | "published" | "discarded";

export const DRAFT_STATUS_LABELS: Record<DraftStatus, string> = {
  editing: "编辑中",
  submitted: "待中心审核发布",
  returned: "已退回修改",
  published: "已发布",
  discarded: "已放弃",
};

export class ItemDraft extends Model<InferAttributes<ItemDraft>, InferCreationAttributes<ItemDraft>> {
  declare id: CreationOptional<number>;
  /** null for an item that has never been published. */
  declare itemId: number | null;
  declare departmentId: number;
  /** Where the item is implemented (a town's branch hall); null: the department's own org unit. */
  declare orgUnitCode: string | null;
  declare baseVersionId: number | null;
  declare document: ItemVersionDocument;
  declare status: DraftStatus;
  declare centerComment: string | null;
  declare publishedVersionId: number | null;
  declare openItemKey: string | null;
  declare rowVersion: CreationOptional<number>;
  declare createdBy: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

ItemDraft.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    itemId: { type: DataTypes.INTEGER, allowNull: true },
    departmentId: { type: DataTypes.INTEGER, allowNull: false },
    orgUnitCode: { type: DataTypes.STRING(20), allowNull: true },
    baseVersionId: { type: DataTypes.INTEGER, allowNull: true },
    document: { type: DataTypes.JSON, allowNull: false },
    status: { type: DataTypes.STRING(20), allowNull: false },
    centerComment: { type: DataTypes.TEXT, allowNull: true },
    publishedVersionId: { type: DataTypes.INTEGER, allowNull: true },
    openItemKey: { type: DataTypes.STRING(40), allowNull: true },
    rowVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    createdBy: { type: DataTypes.INTEGER, allowNull: false },
    createdAt: DataTypes.DATE,
    updatedAt: DataTypes.DATE,
  },
  { sequelize, tableName: "item_drafts", underscored: true },
);

export type AuditAction = "draft_started" | "draft_saved" | "submitted" | "returned" | "published" | "withdrawn" | "discarded" | "imported";

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  draft_started: "开始编辑",
  draft_saved: "保存草稿",
  submitted: "提交发布",
  returned: "中心退回",
  published: "中心发布",
  withdrawn: "停止办理",
  discarded: "放弃草稿",
  imported: "Excel 导入发布",
};

/** Append-only: who did what to an item in the studio, and when. */
export class ItemAudit extends Model<InferAttributes<ItemAudit>, InferCreationAttributes<ItemAudit>> {
  declare id: CreationOptional<number>;
  declare itemId: number | null;
  declare draftId: number | null;
  declare actorId: number;
  declare actorName: string;
  declare action: AuditAction;
  declare detail: string | null;
  declare createdAt: CreationOptional<Date>;
}

ItemAudit.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    itemId: { type: DataTypes.INTEGER, allowNull: true },
    draftId: { type: DataTypes.INTEGER, allowNull: true },
    actorId: { type: DataTypes.INTEGER, allowNull: false },
    actorName: { type: DataTypes.STRING(50), allowNull: false },
    action: { type: DataTypes.STRING(30), allowNull: false },
    detail: { type: DataTypes.TEXT, allowNull: true },
    createdAt: DataTypes.DATE,
  },
  { sequelize, tableName: "item_audit", underscored: true, updatedAt: false },
);
