import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes } from "sequelize";
import { MEDIUM_TEXT, sequelize } from "~/db/connection.server";
import type {
  DocumentKind,
  FormJsonSchema,
  FormSection,
  FormUiSchema,
  LicenceTemplate,
  Material,
  PrefillBinding,
  ServiceItem as ServiceItemElements,
  Workflow,
} from "~/schemas/types.generated";

export type VersionStatus = "draft" | "submitted" | "published" | "superseded" | "withdrawn";

export class ServiceItem extends Model<InferAttributes<ServiceItem>, InferCreationAttributes<ServiceItem>> {
  declare id: CreationOptional<number>;
  declare baseCode: string;
  declare implementationCode: string;
  declare name: string;
  declare departmentId: number;
  declare orgUnitId: number;
  declare popular: boolean;
  declare publishedVersionId: number | null;
}

ServiceItem.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    baseCode: { type: DataTypes.STRING(12), allowNull: false },
    implementationCode: { type: DataTypes.STRING(31), allowNull: false, unique: true },
    name: { type: DataTypes.STRING(100), allowNull: false },
    departmentId: { type: DataTypes.INTEGER, allowNull: false },
    orgUnitId: { type: DataTypes.INTEGER, allowNull: false },
    popular: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
    publishedVersionId: { type: DataTypes.INTEGER, allowNull: true },
  },
  { sequelize, tableName: "service_items", underscored: true, timestamps: false },
);

export class ItemVersion extends Model<InferAttributes<ItemVersion>, InferCreationAttributes<ItemVersion>> {
  declare id: CreationOptional<number>;
  declare itemId: number;
  declare version: number;
  declare status: VersionStatus;
  declare guide: ServiceItemElements;
  declare materials: Material[];
  declare licence: LicenceTemplate | null;
  declare publishedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
}

ItemVersion.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    itemId: { type: DataTypes.INTEGER, allowNull: false },
    version: { type: DataTypes.INTEGER, allowNull: false },
    status: { type: DataTypes.STRING(20), allowNull: false },
    guide: { type: DataTypes.JSON, allowNull: false },
    materials: { type: DataTypes.JSON, allowNull: false },
    licence: { type: DataTypes.JSON, allowNull: true },
    publishedAt: { type: DataTypes.DATE, allowNull: true },
    createdAt: DataTypes.DATE,
  },
  { sequelize, tableName: "item_versions", underscored: true, updatedAt: false },
);

export class FormDefinitionRow extends Model<InferAttributes<FormDefinitionRow>, InferCreationAttributes<FormDefinitionRow>> {
  declare id: CreationOptional<number>;
  declare itemVersionId: number;
  declare kind: "application" | "blank" | "one_table";
  declare jsonSchema: FormJsonSchema;
  declare uiSchema: FormUiSchema;
  declare sections: FormSection[];
  declare prefill: PrefillBinding[];
}

FormDefinitionRow.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    itemVersionId: { type: DataTypes.INTEGER, allowNull: false, unique: true },
    kind: { type: DataTypes.STRING(20), allowNull: false },
    jsonSchema: { type: DataTypes.JSON, allowNull: false },
    uiSchema: { type: DataTypes.JSON, allowNull: false },
    sections: { type: DataTypes.JSON, allowNull: false },
    prefill: { type: DataTypes.JSON, allowNull: false },
  },
  { sequelize, tableName: "form_definitions", underscored: true, timestamps: false },
);

export class WorkflowRow extends Model<InferAttributes<WorkflowRow>, InferCreationAttributes<WorkflowRow>> {
  declare id: CreationOptional<number>;
  declare itemVersionId: number;
  declare definition: Workflow;
}

WorkflowRow.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    itemVersionId: { type: DataTypes.INTEGER, allowNull: false, unique: true },
    definition: { type: DataTypes.JSON, allowNull: false },
  },
  { sequelize, tableName: "workflows", underscored: true, timestamps: false },
);

/** A per-version override of a default template in templates/. */
export class TemplateRow extends Model<InferAttributes<TemplateRow>, InferCreationAttributes<TemplateRow>> {
  declare id: CreationOptional<number>;
  declare itemVersionId: number;
  declare kind: DocumentKind;
  declare title: string | null;
  declare source: string | null;
}

TemplateRow.init(
  {
    id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true },
    itemVersionId: { type: DataTypes.INTEGER, allowNull: false },
    kind: { type: DataTypes.STRING(30), allowNull: false },
    title: { type: DataTypes.STRING(50), allowNull: true },
    source: { type: MEDIUM_TEXT, allowNull: true },
  },
  { sequelize, tableName: "templates", underscored: true, timestamps: false },
);
