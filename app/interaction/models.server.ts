import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes } from "sequelize";
import { sequelize } from "~/db/connection.server";

/** A public question on a service item. Visible on the guide once answered, unless hidden or merged. */
export class ItemQuestion extends Model<InferAttributes<ItemQuestion>, InferCreationAttributes<ItemQuestion>> {
  declare id: CreationOptional<number>;
  declare itemId: number;
  declare departmentId: number;
  declare askerId: number;
  declare askerName: string;
  declare question: string;
  declare answer: CreationOptional<string | null>;
  declare answererId: CreationOptional<number | null>;
  declare answeredAt: CreationOptional<Date | null>;
  declare hiddenReason: CreationOptional<string | null>;
  declare hiddenBy: CreationOptional<number | null>;
  declare hiddenAt: CreationOptional<Date | null>;
  declare mergedIntoId: CreationOptional<number | null>;
  declare mergedBy: CreationOptional<number | null>;
  declare mergedAt: CreationOptional<Date | null>;
  declare createdAt: Date;
  declare updatedAt: Date;
}

ItemQuestion.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    itemId: { type: DataTypes.INTEGER, allowNull: false },
    departmentId: { type: DataTypes.INTEGER, allowNull: false },
    askerId: { type: DataTypes.INTEGER, allowNull: false },
    askerName: { type: DataTypes.STRING(100), allowNull: false },
    question: { type: DataTypes.TEXT, allowNull: false },
    answer: { type: DataTypes.TEXT, allowNull: true },
    answererId: { type: DataTypes.INTEGER, allowNull: true },
    answeredAt: { type: DataTypes.DATE, allowNull: true },
    hiddenReason: { type: DataTypes.TEXT, allowNull: true },
    hiddenBy: { type: DataTypes.INTEGER, allowNull: true },
    hiddenAt: { type: DataTypes.DATE, allowNull: true },
    mergedIntoId: { type: DataTypes.INTEGER, allowNull: true },
    mergedBy: { type: DataTypes.INTEGER, allowNull: true },
    mergedAt: { type: DataTypes.DATE, allowNull: true },
    // Set by the service from its `now` (not by Sequelize), so tests and the rate limit share one clock.
    createdAt: { type: DataTypes.DATE, allowNull: false },
    updatedAt: { type: DataTypes.DATE, allowNull: false },
  },
  { sequelize, tableName: "item_questions", underscored: true, timestamps: false },
);

/** A private message in a case's thread between the applicant and the lead department. */
export class CaseMessage extends Model<InferAttributes<CaseMessage>, InferCreationAttributes<CaseMessage>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare applicantId: number;
  declare departmentId: number;
  declare fromApplicant: boolean;
  declare senderId: number;
  declare senderName: string;
  declare body: string;
  declare readAt: CreationOptional<Date | null>;
  declare createdAt: Date;
}

CaseMessage.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    caseId: { type: DataTypes.INTEGER, allowNull: false },
    applicantId: { type: DataTypes.INTEGER, allowNull: false },
    departmentId: { type: DataTypes.INTEGER, allowNull: false },
    fromApplicant: { type: DataTypes.BOOLEAN, allowNull: false },
    senderId: { type: DataTypes.INTEGER, allowNull: false },
    senderName: { type: DataTypes.STRING(100), allowNull: false },
    body: { type: DataTypes.TEXT, allowNull: false },
    readAt: { type: DataTypes.DATE, allowNull: true },
    createdAt: { type: DataTypes.DATE, allowNull: false },
  },
  { sequelize, tableName: "case_messages", underscored: true, timestamps: false },
);
