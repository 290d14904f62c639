import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes } from "sequelize";
import { sequelize } from "~/db/connection.server";
import type { Role } from "./roles";

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare username: string;
  declare name: string;
  /** The primary role (where the user lands after login); always roles[0]. */
  declare role: Role;
  /** Every role the user holds, within the scope of departmentId (null for rows written before roles existed). */
  declare roles: CreationOptional<Role[] | null>;
  /** Set by a password reset: the next login must choose a new password before anything else. */
  declare mustChangePassword: CreationOptional<boolean>;
  declare departmentId: number | null;
  declare mobile: string | null;
  declare idCard: string | null;
  declare creditCode: string | null;
  /** Staff reminders go here when set. */
  declare email: CreationOptional<string | null>;
  /** The applicant declined non-essential messages (legal notices are always sent). */
  declare notifyOptOut: CreationOptional<boolean>;
  declare passwordHash: string;
  declare active: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

User.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    username: { type: DataTypes.STRING(50), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(50), allowNull: false },
    role: { type: DataTypes.STRING(20), allowNull: false },
    roles: { type: DataTypes.JSON, allowNull: true },
    mustChangePassword: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    departmentId: { type: DataTypes.INTEGER, allowNull: true },
    mobile: { type: DataTypes.STRING(11), allowNull: true, unique: true },
    idCard: { type: DataTypes.STRING(18), allowNull: true, unique: true },
    creditCode: { type: DataTypes.STRING(18), allowNull: true },
    email: { type: DataTypes.STRING(120), allowNull: true },
    notifyOptOut: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    passwordHash: { type: DataTypes.STRING(200), allowNull: false },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    createdAt: DataTypes.DATE,
    updatedAt: DataTypes.DATE,
  },
  {
    sequelize,
    tableName: "users",
    underscored: true,
    hooks: {
      // One rule keeps the two columns in step: roles is the truth, role its first entry.
      beforeSave(user) {
        if (user.changed("roles") && user.roles?.length) user.role = user.roles[0];
        else if (!user.roles?.length || user.changed("role")) user.roles = [user.role, ...(user.roles ?? []).filter((r) => r !== user.role)];
      },
    },
  },
);

export class Session extends Model<InferAttributes<Session>, InferCreationAttributes<Session>> {
  /** sha256 of the cookie token: a stolen database does not yield usable cookies. */
  declare id: string;
  declare userId: number;
  declare expiresAt: Date;
  declare revokedAt: Date | null;
  declare userAgent: string | null;
  declare createdAt: CreationOptional<Date>;
}

Session.init(
  {
    id: { type: DataTypes.STRING(64), primaryKey: true },
    userId: { type: DataTypes.INTEGER, allowNull: false },
    expiresAt: { type: DataTypes.DATE, allowNull: false },
    revokedAt: { type: DataTypes.DATE, allowNull: true },
    userAgent: { type: DataTypes.STRING(300), allowNull: true },
    createdAt: DataTypes.DATE,
  },
  { sequelize, tableName: "sessions", underscored: true, updatedAt: false },
);
