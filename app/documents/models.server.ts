import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes } from "sequelize";
import { LONG_TEXT, sequelize } from "~/db/connection.server";
import type { DocumentKind } from "~/schemas/types.generated";

/** An issued document: an immutable snapshot of the HTML and the data it was rendered from. */
export class IssuedDocument extends Model<InferAttributes<IssuedDocument>, InferCreationAttributes<IssuedDocument>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  declare kind: DocumentKind;
  declare number: string;
  declare title: string;
  declare html: string;
  declare data: Record<string, unknown>;
  declare departmentId: number;
  declare issuedBy: number | null;
  declare createdAt: CreationOptional<Date>;
}

IssuedDocument.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    caseId: { type: DataTypes.INTEGER, allowNull: false },
    kind: { type: DataTypes.STRING(30), allowNull: false },
    number: { type: DataTypes.STRING(60), allowNull: false, unique: true },
    title: { type: DataTypes.STRING(60), allowNull: false },
    html: { type: LONG_TEXT, allowNull: false },
    data: { type: DataTypes.JSON, allowNull: false },
    departmentId: { type: DataTypes.INTEGER, allowNull: false },
    issuedBy: { type: DataTypes.INTEGER, allowNull: true },
    createdAt: DataTypes.DATE,
  },
  { sequelize, tableName: "documents", underscored: true, updatedAt: false },
);
