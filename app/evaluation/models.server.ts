import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes } from "sequelize";
import { sequelize } from "~/db/connection.server";
import type { BadReason, FollowUpState, RatingLevel } from "./labels";

/**
 * An applicant's rating of one completed case. Immutable: once given, nobody — staff included — changes or
 * removes it (the hooks below refuse any update or destroy through the model).
 */
export class CaseRating extends Model<InferAttributes<CaseRating>, InferCreationAttributes<CaseRating>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare applicantId: number;
  /** The case's lead department, which the rating is about. */
  declare departmentId: number;
  declare itemId: number;
  declare level: RatingLevel;
  declare efficiency: number | null;
  declare guideAccuracy: number | null;
  declare convenience: number | null;
  declare usability: number | null;
  declare comment: string | null;
  declare reasonCategory: BadReason | null;
  declare reason: string | null;
  declare createdAt: CreationOptional<Date>;
}

CaseRating.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    caseId: { type: DataTypes.INTEGER, allowNull: false, unique: true },
    applicantId: { type: DataTypes.INTEGER, allowNull: false },
    departmentId: { type: DataTypes.INTEGER, allowNull: false },
    itemId: { type: DataTypes.INTEGER, allowNull: false },
    level: { type: DataTypes.INTEGER, allowNull: false },
    efficiency: { type: DataTypes.INTEGER, allowNull: true },
    guideAccuracy: { type: DataTypes.INTEGER, allowNull: true },
    convenience: { type: DataTypes.INTEGER, allowNull: true },
    usability: { type: DataTypes.INTEGER, allowNull: true },
    comment: { type: DataTypes.TEXT, allowNull: true },
    reasonCategory: { type: DataTypes.STRING(30), allowNull: true },
    reason: { type: DataTypes.TEXT, allowNull: true },
    createdAt: DataTypes.DATE,
  },
  { sequelize, tableName: "case_ratings", underscored: true, updatedAt: false },
);

/** Thrown by any attempt to change a rating through the model. */
export class RatingImmutableError extends Error {
  constructor() {
    super("评价提交后不能修改或删除");
  }
}

const refuse = () => {
  throw new RatingImmutableError();
};
CaseRating.addHook("beforeUpdate", "immutable", refuse);
CaseRating.addHook("beforeBulkUpdate", "immutable", refuse);
CaseRating.addHook("beforeDestroy", "immutable", refuse);
CaseRating.addHook("beforeBulkDestroy", "immutable", refuse);
CaseRating.addHook("beforeUpsert", "immutable", refuse);

/** The department's follow-up (整改) of a 差评: open → called_back (回访记录) → resolved (整改结果). */
export class RatingFollowUp extends Model<InferAttributes<RatingFollowUp>, InferCreationAttributes<RatingFollowUp>> {
  declare id: CreationOptional<number>;
  declare ratingId: number;
  declare caseId: number;
  declare departmentId: number;
  declare state: FollowUpState;
  /** China date the follow-up opened; the deadline counts working days from it. */
  declare openedOn: string;
  declare deadline: string;
  declare calledBy: number | null;
  declare calledByName: string | null;
  declare calledAt: Date | null;
  /** What the applicant said on the call-back. */
  declare callNote: string | null;
  declare resolvedBy: number | null;
  declare resolvedByName: string | null;
  declare resolvedAt: Date | null;
  declare resolution: string | null;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

RatingFollowUp.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    ratingId: { type: DataTypes.INTEGER, allowNull: false, unique: true },
    caseId: { type: DataTypes.INTEGER, allowNull: false },
    departmentId: { type: DataTypes.INTEGER, allowNull: false },
    state: { type: DataTypes.STRING(20), allowNull: false },
    openedOn: { type: DataTypes.STRING(10), allowNull: false },
    deadline: { type: DataTypes.STRING(10), allowNull: false },
    calledBy: { type: DataTypes.INTEGER, allowNull: true },
    calledByName: { type: DataTypes.STRING(50), allowNull: true },
    calledAt: { type: DataTypes.DATE, allowNull: true },
    callNote: { type: DataTypes.TEXT, allowNull: true },
    resolvedBy: { type: DataTypes.INTEGER, allowNull: true },
    resolvedByName: { type: DataTypes.STRING(50), allowNull: true },
    resolvedAt: { type: DataTypes.DATE, allowNull: true },
    resolution: { type: DataTypes.TEXT, allowNull: true },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    createdAt: DataTypes.DATE,
    updatedAt: DataTypes.DATE,
  },
  { sequelize, tableName: "rating_follow_ups", underscored: true },
);
