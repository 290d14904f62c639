import { DataTypes, Model, type InferAttributes, type InferCreationAttributes } from "sequelize";
import { sequelize } from "~/db/connection.server";

/** Only the exceptions to "Monday–Friday work": statutory holidays and make-up working days (调休). */
export class CalendarDay extends Model<InferAttributes<CalendarDay>, InferCreationAttributes<CalendarDay>> {
  declare date: string;
  declare kind: "holiday" | "workday";
  declare name: string;
}

CalendarDay.init(
  {
    date: { type: DataTypes.STRING(10), primaryKey: true },
    kind: { type: DataTypes.STRING(10), allowNull: false },
    name: { type: DataTypes.STRING(50), allowNull: false },
  },
  { sequelize, tableName: "calendar_days", underscored: true, timestamps: false },
);
