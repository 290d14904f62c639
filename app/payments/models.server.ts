import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes } from "sequelize";
import { sequelize } from "~/db/connection.server";
import type { FeeLine, PaymentStatus } from "./fees";

/** One payment attempt for a case. Only `pending` changes; paid, failed and timed_out are final. */
export class Payment extends Model<InferAttributes<Payment>, InferCreationAttributes<Payment>> {
  declare id: CreationOptional<number>;
  declare caseId: number;
  /** caseId while pending or paid, null after: unique, so at most one open-or-paid attempt per case. */
  declare activeCaseId: number | null;
  declare amountFen: number;
  /** The fee items charged, as they were when the attempt started. */
  declare feeItems: FeeLine[];
  declare provider: string;
  declare providerOrderId: string;
  declare payUrl: string | null;
  declare status: PaymentStatus;
  declare paidAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

Payment.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    caseId: { type: DataTypes.INTEGER, allowNull: false },
    activeCaseId: { type: DataTypes.INTEGER, allowNull: true },
    amountFen: { type: DataTypes.INTEGER, allowNull: false },
    feeItems: { type: DataTypes.JSON, allowNull: false },
    provider: { type: DataTypes.STRING(30), allowNull: false },
    providerOrderId: { type: DataTypes.STRING(64), allowNull: false },
    payUrl: { type: DataTypes.STRING(500), allowNull: true },
    status: { type: DataTypes.STRING(12), allowNull: false },
    paidAt: { type: DataTypes.DATE, allowNull: true },
    createdAt: DataTypes.DATE,
    updatedAt: DataTypes.DATE,
  },
  { sequelize, tableName: "payments", underscored: true },
);
