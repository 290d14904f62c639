import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes } from "sequelize";
import { sequelize } from "~/db/connection.server";

export type OrgLevel = "county" | "town" | "village";

export class OrgUnit extends Model<InferAttributes<OrgUnit>, InferCreationAttributes<OrgUnit>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare name: string;
  declare level: OrgLevel;
  declare parentId: number | null;
  declare hasHall: boolean;
  /** A retired unit keeps its history (items, cases, addresses) but takes no new children, items or staff. */
  declare retiredAt: CreationOptional<Date | null>;
}

OrgUnit.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    code: { type: DataTypes.STRING(12), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(50), allowNull: false },
    level: { type: DataTypes.STRING(10), allowNull: false },
    parentId: { type: DataTypes.INTEGER, allowNull: true },
    hasHall: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    retiredAt: { type: DataTypes.DATE, allowNull: true },
  },
  { sequelize, tableName: "org_units", underscored: true, timestamps: false },
);

export class Department extends Model<InferAttributes<Department>, InferCreationAttributes<Department>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare name: string;
  declare abbreviation: string;
  declare creditCode: string;
  declare orgUnitId: number;
  /** Items in the department's 事项清单: the denominator of 事项进驻率 (null when not configured). */
  declare itemListCount: CreationOptional<number | null>;
  /** 咨询电话 and 投诉电话 shown to citizens. */
  declare consultPhone: CreationOptional<string | null>;
  declare complaintPhone: CreationOptional<string | null>;
}

Department.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    code: { type: DataTypes.STRING(30), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(100), allowNull: false },
    abbreviation: { type: DataTypes.STRING(20), allowNull: false },
    creditCode: { type: DataTypes.STRING(18), allowNull: false },
    orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
    itemListCount: { type: DataTypes.INTEGER, allowNull: true },
    consultPhone: { type: DataTypes.STRING(30), allowNull: true },
    complaintPhone: { type: DataTypes.STRING(30), allowNull: true },
  },
  { sequelize, tableName: "departments", underscored: true, timestamps: false },
);
