import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes } from "sequelize";
import { sequelize } from "~/db/connection.server";

/** Transactional outbox: written in the same transaction as the case event; a worker delivers it. */
export class OutboxMessage extends Model<InferAttributes<OutboxMessage>, InferCreationAttributes<OutboxMessage>> {
  declare id: CreationOptional<number>;
  declare channel: "sms" | "email";
  declare recipient: string;
  declare template: string;
  declare payload: Record<string, string>;
  declare caseId: number | null;
  /** skipped: a non-essential message whose recipient opted out before it went out. */
  declare status: "pending" | "sent" | "dead" | "skipped";
  declare attempts: number;
  declare nextAttemptAt: Date;
  declare sentAt: Date | null;
  declare lastError: string | null;
  /** Set for messages that must be enqueued at most once (a reviewer's reminder of one day). */
  declare dedupeKey: CreationOptional<string | null>;
  declare createdAt: CreationOptional<Date>;
}

OutboxMessage.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    channel: { type: DataTypes.STRING(10), allowNull: false },
    recipient: { type: DataTypes.STRING(100), allowNull: false },
    template: { type: DataTypes.STRING(50), allowNull: false },
    payload: { type: DataTypes.JSON, allowNull: false },
    caseId: { type: DataTypes.INTEGER, allowNull: true },
    status: { type: DataTypes.STRING(10), allowNull: false },
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    nextAttemptAt: { type: DataTypes.DATE, allowNull: false },
    sentAt: { type: DataTypes.DATE, allowNull: true },
    lastError: { type: DataTypes.TEXT, allowNull: true },
    dedupeKey: { type: DataTypes.STRING(120), allowNull: true },
    createdAt: DataTypes.DATE,
  },
  { sequelize, tableName: "outbox_messages", underscored: true, updatedAt: false },
);
