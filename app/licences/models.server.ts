import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes } from "sequelize";
import { sequelize } from "~/db/connection.server";

export class Licence extends Model<InferAttributes<Licence>, InferCreationAttributes<Licence>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare number: string;
  declare name: string;
  declare holderName: string;
  declare holderId: string | null;
  declare holderUserId: number;
  declare departmentId: number;
  declare issuedOn: string;
  declare verifyCode: string;
  declare createdAt: CreationOptional<Date>;
}

Licence.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    caseId: { type: DataTypes.INTEGER, allowNull: false },
    number: { type: DataTypes.STRING(60), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(60), allowNull: false },
    holderName: { type: DataTypes.STRING(100), allowNull: false },
    holderId: { type: DataTypes.STRING(18), allowNull: true },
    holderUserId: { type: DataTypes.INTEGER, allowNull: false },
    departmentId: { type: DataTypes.INTEGER, allowNull: false },
    issuedOn: { type: DataTypes.STRING(10), allowNull: false },
    verifyCode: { type: DataTypes.STRING(16), allowNull: false, unique: true },
    createdAt: DataTypes.DATE,
  },
  { sequelize, tableName: "licences", underscored: true, updatedAt: false },
);
