import { Op, QueryTypes, type Transaction } from "sequelize";
import { sequelize } from "~/db/connection.server";
import { templateSourceErrors } from "~/documents/template-safety";
import { checkFormSchema } from "~/forms/form-schema.server";
import { Department, OrgUnit } from "~/org/models.server";
import type { ItemVersionDocument, Workflow } from "~/schemas/types.generated";
import { validateItemVersionDocument, type FieldError } from "~/schemas/validate.server";
import type { CatalogEntry } from "./filters";
import { FormDefinitionRow, ItemVersion, ServiceItem, TemplateRow, WorkflowRow } from "./models.server";
import { qualityIssues } from "./quality-rules";

export interface PublishedVersion {
  item: ServiceItem;
  version: ItemVersion;
  form: FormDefinitionRow;
  workflow: Workflow;
  department: Department;
  orgUnit: OrgUnit;
}

/** Everything wrong with a version document: schema errors first, then (if the shape is right) quality rules. */
export async function versionDocumentErrors(doc: unknown, departmentCode: string): Promise<FieldError[]> {
  const schemaErrors = validateItemVersionDocument(doc);
  if (schemaErrors.length) return schemaErrors;
  const valid = doc as ItemVersionDocument;
  const department = await Department.findOne({ where: { code: departmentCode } });
  if (!department) return [{ path: "", message: `部门 ${departmentCode} 不存在` }];
  const known = new Set((await Department.findAll({ attributes: ["code"] })).map((d) => d.code));
  const metaErrors = checkFormSchema(valid.form.schema).map((e) => ({ ...e, path: `form.schema${e.path ? "." + e.path : ""}` }));
  const templateErrors = valid.templates.documents.flatMap((t, i) =>
    t.source ? templateSourceErrors(t.source).map((message) => ({ path: `templates.documents.${i}.source`, message })) : [],
  );
  return [
    ...metaErrors,
    ...templateErrors,
    ...qualityIssues(valid, { departmentCode, departmentCreditCode: department.creditCode, knownDepartments: known }),
  ];
}

/** A configuration document that failed the schemas or the catalog quality rules; nothing was stored. */
export class InvalidConfigurationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.path} ${e.message}`).join("；"));
  }
}

export interface Placement {
  /** Code of the implementing department. */
  departmentCode: string;
  /** Division code of the unit whose hall implements it; the department's own unit when omitted. */
  orgUnitCode?: string;
  popular?: boolean;
}

/**
 * Validates a version document (schemas, form meta-schema, quality rules) and stores it as the item's new
 * published version, superseding the previous one, in one transaction. Nothing invalid is ever stored.
 */
export async function publishVersion(input: unknown, placement: Placement, outer?: Transaction): Promise<ItemVersion> {
  const errors = await versionDocumentErrors(input, placement.departmentCode);
  if (errors.length) throw new InvalidConfigurationError(errors);
  const doc = input as ItemVersionDocument;
  const department = (await Department.findOne({ where: { code: placement.departmentCode } }))!;
  const orgUnit = await OrgUnit.findOne({ where: placement.orgUnitCode ? { code: placement.orgUnitCode } : { id: department.orgUnitId } });
  if (!orgUnit) throw new InvalidConfigurationError([{ path: "orgUnit", message: `行政区划 ${placement.orgUnitCode} 不存在` }]);
  if (orgUnit.retiredAt) throw new InvalidConfigurationError([{ path: "orgUnit", message: `行政区划“${orgUnit.name}”已撤销，不能在此发布事项` }]);
  const run = async (transaction: Transaction) => {
    const [item] = await ServiceItem.findOrCreate({
      where: { implementationCode: doc.item.implementationCode },
      defaults: {
        baseCode: doc.item.baseCode,
        implementationCode: doc.item.implementationCode,
        name: doc.item.name,
        departmentId: department.id,
        orgUnitId: orgUnit.id,
        popular: placement.popular ?? false,
        publishedVersionId: null,
      },
      transaction,
    });
    const latest = (await ItemVersion.max<number, ItemVersion>("version", { where: { itemId: item.id }, transaction })) ?? 0;
    await ItemVersion.update({ status: "superseded" }, { where: { itemId: item.id, status: "published" }, transaction });
    const version = await ItemVersion.create(
      {
        itemId: item.id,
        version: latest + 1,
        status: "published",
        guide: doc.item,
        materials: doc.materials,
        licence: doc.templates.licence ?? null,
        publishedAt: new Date(),
      },
      { transaction },
    );
    await FormDefinitionRow.create(
      {
        itemVersionId: version.id,
        kind: doc.form.kind,
        jsonSchema: doc.form.schema,
        uiSchema: doc.form.uiSchema,
        sections: doc.form.sections ?? [],
        prefill: doc.form.prefill ?? [],
      },
      { transaction },
    );
    await WorkflowRow.create({ itemVersionId: version.id, definition: doc.workflow }, { transaction });
    for (const entry of doc.templates.documents) {
      await TemplateRow.create({ itemVersionId: version.id, kind: entry.kind, title: entry.title ?? null, source: entry.source ?? null }, { transaction });
    }
    await item.update({ name: doc.item.name, publishedVersionId: version.id, popular: placement.popular ?? item.popular }, { transaction });
    return version;
  };
  return outer ? run(outer) : sequelize.transaction(run);
}

/** Item versions are immutable once stored, so each process keeps the ones it has used (bounded). */
const versionCache = new Map<number, PublishedVersion>();
const VERSION_CACHE_SIZE = 500;

export async function loadVersion(versionId: number, transaction?: Transaction): Promise<PublishedVersion | null> {
  const cached = versionCache.get(versionId);
  if (cached) return cached;
  const loaded = await readVersion(versionId, transaction);
  if (loaded) {
    if (versionCache.size >= VERSION_CACHE_SIZE) versionCache.delete(versionCache.keys().next().value!);
    versionCache.set(versionId, loaded);
  }
  return loaded;
}

async function readVersion(versionId: number, transaction?: Transaction): Promise<PublishedVersion | null> {
  const version = await ItemVersion.findByPk(versionId, { transaction });
  if (!version) return null;
  const [item, form, workflow] = await Promise.all([
    ServiceItem.findByPk(version.itemId, { transaction }),
    FormDefinitionRow.findOne({ where: { itemVersionId: version.id }, transaction }),
    WorkflowRow.findOne({ where: { itemVersionId: version.id }, transaction }),
  ]);
  if (!item || !form || !workflow) return null;
  const [department, orgUnit] = await Promise.all([
    Department.findByPk(item.departmentId, { transaction }),
    OrgUnit.findByPk(item.orgUnitId, { transaction }),
  ]);
  if (!department || !orgUnit) return null;
  return { item, version, form, workflow: workflow.definition, department, orgUnit };
}

/** The item's currently published version, or null when it has none (never published, or withdrawn). */
export async function loadPublishedItem(itemId: number): Promise<PublishedVersion | null> {
  const versionId = await publishedVersionIdOf(itemId);
  return versionId ? loadVersion(versionId) : null;
}

/** The id of the item's published version (null when none): one indexed read, for the submission path. */
export async function publishedVersionIdOf(itemId: number): Promise<number | null> {
  const row = await sequelize.query<{ id: number | null }>("SELECT published_version_id AS id FROM service_items WHERE id = ?", {
    replacements: [itemId],
    type: QueryTypes.SELECT,
    plain: true,
  });
  return row?.id ? Number(row.id) : null;
}

/** Every published item with the facets the catalog filters on. */
export async function catalogEntries(): Promise<CatalogEntry[]> {
  const items = await ServiceItem.findAll({ where: { publishedVersionId: { [Op.ne]: null } }, order: [["id", "ASC"]] });
  const versions = new Map((await ItemVersion.findAll({ where: { id: items.map((i) => i.publishedVersionId!) }, attributes: ["id", "guide"] })).map((v) => [v.id, v.guide]));
  const departments = new Map((await Department.findAll()).map((d) => [d.id, d]));
  const units = new Map((await OrgUnit.findAll()).map((o) => [o.id, o]));
  return items.map((item) => {
    const guide = versions.get(item.publishedVersionId!)!;
    const department = departments.get(item.departmentId)!;
    const unit = units.get(item.orgUnitId)!;
    return {
      id: item.id,
      name: item.name,
      departmentCode: department.code,
      departmentName: department.name,
      orgUnitCode: unit.code,
      orgUnitName: unit.name,
      popular: item.popular,
      serviceObjects: guide.serviceObjects,
      personalThemes: guide.personalThemes ?? [],
      legalThemes: guide.legalThemes ?? [],
      onlineDepth: guide.onlineDepth,
      online: guide.online,
      visitsRequired: guide.visitsRequired,
    };
  });
}

/** Org units that run a hall or a branch hall (分厅), county first. */
export async function halls() {
  const units = await OrgUnit.findAll({ where: { hasHall: true, retiredAt: null }, order: [["code", "ASC"]] });
  return units.map((u) => ({ code: u.code, name: u.name, level: u.level }));
}

/** A department's items with their published version, for its staff. */
export async function departmentItems(departmentId: number) {
  const items = await ServiceItem.findAll({ where: { departmentId }, order: [["id", "ASC"]] });
  const versions = new Map(
    (await ItemVersion.findAll({ where: { id: items.map((i) => i.publishedVersionId).filter((v): v is number => v != null) } })).map((v) => [v.id, v]),
  );
  return items.map((i) => {
    const v = i.publishedVersionId ? versions.get(i.publishedVersionId) : undefined;
    return { id: i.id, name: i.name, implementationCode: i.implementationCode, version: v?.version ?? null, publishedAt: v?.publishedAt?.toISOString().slice(0, 10) ?? null };
  });
}
