import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes } from "sequelize";
import { sequelize } from "~/db/connection.server";
import type { CaseState, Decision, DeliveryMethod, JoinOutcome, Opinion } from "./lifecycle";

export class Case extends Model<InferAttributes<Case>, InferCreationAttributes<Case>> {
  declare id: CreationOptional<number>;
  declare trackingNumber: string;
  declare itemId: number;
  declare itemVersionId: number;
  declare applicantId: number;
  declare applicantName: string;
  declare applicantMobile: string;
  declare leadDepartmentId: number;
  declare orgUnitId: number;
  declare channel: "online" | "window";
  declare state: CaseState;
  declare decision: Decision | null;
  declare formData: Record<string, unknown>;
  declare submissionKey: string;
  declare submittedAt: Date;
  declare acceptedAt: Date | null;
  declare dueDate: string;
  declare legalDueDate: string;
  declare completedAt: Date | null;
  declare joinOutcome: CreationOptional<JoinOutcome | null>;
  /** China date the clock was paused for a supplement during review; null while it runs. */
  declare pausedOn: CreationOptional<string | null>;
  declare extensionReason: CreationOptional<string | null>;
  declare deliveryMethod: CreationOptional<DeliveryMethod | null>;
  declare courierCompany: CreationOptional<string | null>;
  declare courierTracking: CreationOptional<string | null>;
  /** The applicant's courier address ("收件人 电话 地址"), when they chose courier delivery. */
  declare deliveryAddress: CreationOptional<string | null>;
  /** Set once by the scheduler when the promised date passed while the clock ran. */
  declare overdue: CreationOptional<boolean>;
  /** Row version: every state change does UPDATE … WHERE version = the version it read (see case-transaction). */
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

Case.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    trackingNumber: { type: DataTypes.STRING(43), allowNull: false, unique: true },
    itemId: { type: DataTypes.INTEGER, allowNull: false },
    itemVersionId: { type: DataTypes.INTEGER, allowNull: false },
    applicantId: { type: DataTypes.INTEGER, allowNull: false },
    applicantName: { type: DataTypes.STRING(100), allowNull: false },
    applicantMobile: { type: DataTypes.STRING(11), allowNull: false },
    leadDepartmentId: { type: DataTypes.INTEGER, allowNull: false },
    orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
    channel: { type: DataTypes.STRING(10), allowNull: false },
    state: { type: DataTypes.STRING(20), allowNull: false },
    decision: { type: DataTypes.STRING(10), allowNull: true },
    formData: { type: DataTypes.JSON, allowNull: false },
    submissionKey: { type: DataTypes.STRING(64), allowNull: false },
    submittedAt: { type: DataTypes.DATE, allowNull: false },
    acceptedAt: { type: DataTypes.DATE, allowNull: true },
    dueDate: { type: DataTypes.STRING(10), allowNull: false },
    legalDueDate: { type: DataTypes.STRING(10), allowNull: false },
    completedAt: { type: DataTypes.DATE, allowNull: true },
    joinOutcome: { type: DataTypes.STRING(10), allowNull: true },
    pausedOn: { type: DataTypes.STRING(10), allowNull: true },
    extensionReason: { type: DataTypes.TEXT, allowNull: true },
    deliveryMethod: { type: DataTypes.STRING(10), allowNull: true },
    courierCompany: { type: DataTypes.STRING(50), allowNull: true },
    courierTracking: { type: DataTypes.STRING(50), allowNull: true },
    deliveryAddress: { type: DataTypes.TEXT, allowNull: true },
    overdue: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    createdAt: DataTypes.DATE,
    updatedAt: DataTypes.DATE,
  },
  { sequelize, tableName: "cases", underscored: true },
);

export type TaskState = "pending" | "done";

export class ReviewTask extends Model<InferAttributes<ReviewTask>, InferCreationAttributes<ReviewTask>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare departmentId: number;
  declare role: "lead" | "co";
  declare task: string;
  declare section: string | null;
  declare state: TaskState;
  declare opinion: Opinion | null;
  declare comment: string | null;
  declare reviewerId: number | null;
  /** The reviewer of the department who claimed or was assigned the task. */
  declare assigneeId: CreationOptional<number | null>;
  /** The opinion was deemed 同意 by the scheduler because the department did not answer in time. */
  declare deemed: CreationOptional<boolean>;
  declare dueDate: string;
  declare decidedAt: Date | null;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

ReviewTask.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    caseId: { type: DataTypes.INTEGER, allowNull: false },
    departmentId: { type: DataTypes.INTEGER, allowNull: false },
    role: { type: DataTypes.STRING(10), allowNull: false },
    task: { type: DataTypes.STRING(100), allowNull: false },
    section: { type: DataTypes.STRING(40), allowNull: true },
    state: { type: DataTypes.STRING(10), allowNull: false },
    opinion: { type: DataTypes.STRING(10), allowNull: true },
    comment: { type: DataTypes.TEXT, allowNull: true },
    reviewerId: { type: DataTypes.INTEGER, allowNull: true },
    assigneeId: { type: DataTypes.INTEGER, allowNull: true },
    deemed: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    dueDate: { type: DataTypes.STRING(10), allowNull: false },
    decidedAt: { type: DataTypes.DATE, allowNull: true },
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    createdAt: DataTypes.DATE,
    updatedAt: DataTypes.DATE,
  },
  { sequelize, tableName: "review_tasks", underscored: true },
);

/** Append-only: the service never updates or deletes a row. */
export class CaseEvent extends Model<InferAttributes<CaseEvent>, InferCreationAttributes<CaseEvent>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare type: string;
  declare actorId: number | null;
  declare actorName: string;
  declare departmentId: number | null;
  declare fromState: string | null;
  declare toState: string;
  declare note: string | null;
  declare createdAt: CreationOptional<Date>;
}

CaseEvent.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    caseId: { type: DataTypes.INTEGER, allowNull: false },
    type: { type: DataTypes.STRING(30), allowNull: false },
    actorId: { type: DataTypes.INTEGER, allowNull: true },
    actorName: { type: DataTypes.STRING(100), allowNull: false },
    departmentId: { type: DataTypes.INTEGER, allowNull: true },
    fromState: { type: DataTypes.STRING(20), allowNull: true },
    toState: { type: DataTypes.STRING(20), allowNull: false },
    note: { type: DataTypes.TEXT, allowNull: true },
    createdAt: DataTypes.DATE,
  },
  { sequelize, tableName: "case_events", underscored: true, updatedAt: false },
);

export class CaseMaterial extends Model<InferAttributes<CaseMaterial>, InferCreationAttributes<CaseMaterial>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare materialKey: string;
  declare fileName: string;
  declare mimeType: string;
  declare size: number;
  declare storagePath: string;
  declare sha256: string;
  declare uploadedBy: number;
  declare createdAt: CreationOptional<Date>;
}

CaseMaterial.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    caseId: { type: DataTypes.INTEGER, allowNull: false },
    materialKey: { type: DataTypes.STRING(40), allowNull: false },
    fileName: { type: DataTypes.STRING(200), allowNull: false },
    mimeType: { type: DataTypes.STRING(100), allowNull: false },
    size: { type: DataTypes.INTEGER, allowNull: false },
    storagePath: { type: DataTypes.STRING(300), allowNull: false },
    sha256: { type: DataTypes.STRING(64), allowNull: false },
    uploadedBy: { type: DataTypes.INTEGER, allowNull: false },
    createdAt: DataTypes.DATE,
  },
  { sequelize, tableName: "case_materials", underscored: true, updatedAt: false },
);
