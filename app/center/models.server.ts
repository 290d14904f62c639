import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes } from "sequelize";
import { sequelize } from "~/db/connection.server";

export type AdminEntity = "org_unit" | "department" | "user";

export type AdminAction =
  | "created"
  | "updated"
  | "renamed"
  | "retired"
  | "restored"
  | "disabled"
  | "enabled"
  | "password_reset"
  | "imported";

export const ADMIN_ENTITY_LABELS: Record<AdminEntity, string> = { org_unit: "行政区划", department: "部门", user: "工作人员账号" };

export const ADMIN_ACTION_LABELS: Record<AdminAction, string> = {
  created: "新建",
  updated: "修改",
  renamed: "更名",
  retired: "撤销",
  restored: "恢复",
  disabled: "停用",
  enabled: "启用",
  password_reset: "重置密码",
  imported: "Excel 导入",
};

/** Append-only: who changed which org unit, department or staff account, when, and what changed. */
export class AdminAudit extends Model<InferAttributes<AdminAudit>, InferCreationAttributes<AdminAudit>> {
  declare id: CreationOptional<number>;
  /** null for the command line (`npm run create-admin`). */
  declare actorId: number | null;
  declare actorName: string;
  declare action: AdminAction;
  declare entity: AdminEntity;
  /** The entity's code or username: stable and readable, unlike an id. */
  declare entityKey: string;
  declare detail: string | null;
  declare createdAt: CreationOptional<Date>;
}

AdminAudit.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    actorId: { type: DataTypes.INTEGER, allowNull: true },
    actorName: { type: DataTypes.STRING(50), allowNull: false },
    action: { type: DataTypes.STRING(30), allowNull: false },
    entity: { type: DataTypes.STRING(20), allowNull: false },
    entityKey: { type: DataTypes.STRING(50), allowNull: false },
    detail: { type: DataTypes.TEXT, allowNull: true },
    createdAt: DataTypes.DATE,
  },
  { sequelize, tableName: "admin_audit", underscored: true, updatedAt: false },
);
