/**
 * The item studio's working drafts and their way to publication: a department admin edits a copy of the whole
 * version document (guide, materials, form, templates, workflow); "submit for publication" sends it to the
 * service center, which reads the diff against the published version and publishes it (atomically, as a new
 * immutable version) or returns it with comments. Every step is in the item's audit trail.
 */
import { Op, UniqueConstraintError, type Transaction } from "sequelize";
import { FormDefinitionRow, ItemVersion, ServiceItem, TemplateRow, WorkflowRow } from "~/catalog/models.server";
import { publishVersion, versionDocumentErrors } from "~/catalog/service.server";
import { sequelize } from "~/db/connection.server";
import type { CurrentUser } from "~/identity/session.server";
import { Department, OrgUnit } from "~/org/models.server";
import type { ItemVersionDocument, TemplateEntry } from "~/schemas/types.generated";
import type { FieldError } from "~/schemas/validate.server";
import { toFormDefinition } from "./designer";
import { versionDiff, type Change } from "./diff";
import { AUDIT_ACTION_LABELS, ItemAudit, ItemDraft, type AuditAction } from "./models.server";
import { PART_LABELS, type DraftPart } from "./parts";
import { hasRole } from "~/identity/roles";

export class StudioError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}


const OPEN: ReadonlyArray<ItemDraft["status"]> = ["editing", "submitted", "returned"];
const openKey = (doc: ItemVersionDocument) => `code:${doc.item.implementationCode}`;

async function audit(t: Transaction | undefined, actor: CurrentUser, action: AuditAction, at: { itemId: number | null; draftId: number | null }, detail?: string) {
  await ItemAudit.create({ ...at, actorId: actor.id, actorName: actor.name, action, detail: detail ?? null }, { transaction: t });
}

function requireDepartmentAdmin(user: CurrentUser, departmentId: number): void {
  if (!hasRole(user, "dept_admin") || user.departmentId !== departmentId) throw new StudioError("只能配置本部门的事项", 403);
}

function requireCenter(user: CurrentUser): void {
  if (!hasRole(user, "center_admin")) throw new StudioError("只有政务服务中心可以审核发布事项", 403);
}

/** The stored version as the document it was published from. */
export async function versionDocument(versionId: number, transaction?: Transaction): Promise<ItemVersionDocument> {
  const version = await ItemVersion.findByPk(versionId, { transaction, rejectOnEmpty: true });
  const [form, workflow, templates] = await Promise.all([
    FormDefinitionRow.findOne({ where: { itemVersionId: versionId }, transaction, rejectOnEmpty: true }),
    WorkflowRow.findOne({ where: { itemVersionId: versionId }, transaction, rejectOnEmpty: true }),
    TemplateRow.findAll({ where: { itemVersionId: versionId }, order: [["id", "ASC"]], transaction }),
  ]);
  const documents = templates.map((t): TemplateEntry => ({ kind: t.kind, ...(t.title !== null && { title: t.title }), ...(t.source !== null && { source: t.source }) }));
  return {
    item: version.guide,
    materials: version.materials,
    form: {
      kind: form.kind,
      schema: form.jsonSchema,
      uiSchema: form.uiSchema,
      ...(form.sections.length && { sections: form.sections }),
      ...(form.prefill.length && { prefill: form.prefill }),
    },
    workflow: workflow.definition,
    templates: { documents, ...(version.licence && { licence: version.licence }) },
  };
}

/** A new open draft; its open-item key makes a second open draft of the same item impossible. */
function insertDraft(
  t: Transaction,
  user: CurrentUser,
  fields: Pick<ItemDraft, "itemId" | "departmentId" | "orgUnitCode" | "baseVersionId" | "document">,
): Promise<ItemDraft> {
  return ItemDraft.create(
    { ...fields, status: "editing", centerComment: null, publishedVersionId: null, openItemKey: openKey(fields.document), createdBy: user.id },
    { transaction: t },
  );
}

/**
 * The open draft of an item of the admin's department, started from its published version when there is none
 * (two admins opening at once get the same draft).
 */
export async function openItemDraft(user: CurrentUser, itemId: number): Promise<ItemDraft> {
  const item = await ServiceItem.findByPk(itemId);
  if (!item) throw new StudioError("事项不存在", 404);
  requireDepartmentAdmin(user, item.departmentId);
  const existing = await ItemDraft.findOne({ where: { itemId, status: OPEN } });
  if (existing) return existing;
  if (!item.publishedVersionId) throw new StudioError("该事项已停止办理，不能再编辑");
  const document = await versionDocument(item.publishedVersionId);
  const orgUnit = await OrgUnit.findByPk(item.orgUnitId);
  const department = await Department.findByPk(item.departmentId);
  try {
    return await sequelize.transaction(async (t) => {
      const draft = await insertDraft(t, user, {
        itemId,
        departmentId: item.departmentId,
        orgUnitCode: orgUnit && department && orgUnit.id !== department.orgUnitId ? orgUnit.code : null,
        baseVersionId: item.publishedVersionId,
        document,
      });
      await audit(t, user, "draft_started", { itemId, draftId: draft.id }, `基于第 ${(await ItemVersion.findByPk(item.publishedVersionId!, { transaction: t }))?.version} 版`);
      return draft;
    });
  } catch (error) {
    if (!(error instanceof UniqueConstraintError)) throw error;
    const winner = await ItemDraft.findOne({ where: { itemId, status: OPEN } });
    if (!winner) throw error;
    return winner;
  }
}

/** A draft for a new item of the admin's department, from a complete starting document (e.g. a copy of another item). */
export async function newItemDraft(user: CurrentUser, document: ItemVersionDocument, orgUnitCode: string | null = null): Promise<ItemDraft> {
  if (!hasRole(user, "dept_admin") || !user.departmentId) throw new StudioError("只有部门事项管理员可以新建事项", 403);
  if (await ServiceItem.findOne({ where: { implementationCode: document.item.implementationCode } })) throw new StudioError("该实施编码的事项已存在，请从事项列表中编辑");
  try {
    return await sequelize.transaction(async (t) => {
      const draft = await insertDraft(t, user, { itemId: null, departmentId: user.departmentId!, orgUnitCode, baseVersionId: null, document });
      await audit(t, user, "draft_started", { itemId: null, draftId: draft.id }, `新事项“${document.item.name}”`);
      return draft;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw new StudioError("该实施编码已有一份正在编辑的新事项草稿");
    throw error;
  }
}

/**
 * A new item of the admin's department started from one of its items (guide, materials, templates and workflow
 * copied; a one-field designer form to build on), under its own name and 基本编码.
 */
export async function startNewItem(user: CurrentUser, input: { name: string; baseCode: string; copyFrom: number }): Promise<ItemDraft> {
  const name = input.name.trim();
  if (name.length < 2 || name.length > 100) throw new StudioError("请填写事项名称（2–100 字）");
  if (!/^\d{12}$/.test(input.baseCode)) throw new StudioError("基本编码应为 12 位数字");
  const source = await ServiceItem.findByPk(input.copyFrom);
  if (!source?.publishedVersionId || source.departmentId !== user.departmentId) throw new StudioError("请选择本部门已发布的事项作为模板");
  const department = await Department.findByPk(source.departmentId, { rejectOnEmpty: true });
  const base = await versionDocument(source.publishedVersionId);
  const document: ItemVersionDocument = {
    ...base,
    item: { ...base.item, name, aliases: [], baseCode: input.baseCode, implementationCode: `${department.creditCode}${base.item.level}${input.baseCode}` },
    form: toFormDefinition({ title: `${name}申请表`, steps: [], fields: [{ key: "applicantName", kind: "text", label: "申请人姓名", required: true, maxLength: 50, prefill: { source: "applicant", path: "name" } }] }),
  };
  return newItemDraft(user, document);
}

export async function findDraft(user: CurrentUser, draftId: number): Promise<ItemDraft> {
  const draft = await ItemDraft.findByPk(draftId);
  if (!draft) throw new StudioError("草稿不存在", 404);
  if (hasRole(user, "center_admin") && draft.status !== "discarded") return draft;
  if (!hasRole(user, "dept_admin") || user.departmentId !== draft.departmentId) throw new StudioError("草稿不存在", 404);
  return draft;
}

async function departmentCode(departmentId: number): Promise<string> {
  return (await Department.findByPk(departmentId, { rejectOnEmpty: true })).code;
}

/** Everything that keeps the draft from publication, each on its path (item.…, materials.…, form.…). */
export async function draftErrors(draft: ItemDraft): Promise<FieldError[]> {
  return versionDocumentErrors(draft.document, await departmentCode(draft.departmentId));
}

export type SaveResult = { draft: ItemDraft; errors: FieldError[] } | { refused: FieldError[] };

/**
 * Replaces one part of the draft. With `strict` (the raw JSON tab) a part that does not pass its schema is
 * refused and the draft stays as it was; the visual editors save work in progress and list what is missing.
 * `expectedVersion` is the row version the editor loaded: a save over someone else's newer save is refused.
 */
export async function saveDraftPart(
  user: CurrentUser,
  draftId: number,
  part: DraftPart,
  value: unknown,
  expectedVersion: number,
  options: { strict?: boolean } = {},
): Promise<SaveResult> {
  const draft = await findDraft(user, draftId);
  requireDepartmentAdmin(user, draft.departmentId);
  if (draft.status === "submitted") throw new StudioError("草稿已提交中心审核，审核结束前不能修改");
  if (draft.status === "published" || draft.status === "discarded") throw new StudioError("该草稿已结束，请重新打开事项编辑");
  if (part === "item" && draft.itemId === null && value && typeof value === "object") {
    // A new item's 实施编码 follows its 行使层级 and 基本编码.
    const item = value as ItemVersionDocument["item"];
    const department = await Department.findByPk(draft.departmentId, { rejectOnEmpty: true });
    value = { ...item, implementationCode: `${department.creditCode}${item.level}${item.baseCode}` };
  } else if (part === "item" && (value as { implementationCode?: unknown } | null)?.implementationCode !== draft.document.item.implementationCode) {
    return { refused: [{ path: "item.implementationCode", message: "实施编码不能修改" }] };
  }
  const document = { ...draft.document, [part]: value } as ItemVersionDocument;
  const errors = await versionDocumentErrors(document, await departmentCode(draft.departmentId));
  const own = errors.filter((e) => e.path === part || e.path.startsWith(`${part}.`) || e.path.startsWith(`${part}[`) || (e.path === "" && part === "form"));
  if (options.strict && own.length) return { refused: own };
  const [changed] = await ItemDraft.update(
    { document, status: "editing", rowVersion: expectedVersion + 1, openItemKey: openKey(document) },
    { where: { id: draft.id, rowVersion: expectedVersion, status: { [Op.in]: ["editing", "returned"] } } },
  );
  if (changed !== 1) throw new StudioError("草稿已被他人修改，请刷新后再编辑", 409);
  await audit(undefined, user, "draft_saved", { itemId: draft.itemId, draftId: draft.id }, PART_LABELS[part]);
  return { draft: await ItemDraft.findByPk(draft.id, { rejectOnEmpty: true }), errors };
}


/** Sends a complete, valid draft to the center; the errors when it is not. */
export async function submitDraft(user: CurrentUser, draftId: number): Promise<FieldError[]> {
  const draft = await findDraft(user, draftId);
  requireDepartmentAdmin(user, draft.departmentId);
  if (draft.status !== "editing" && draft.status !== "returned") throw new StudioError("只有编辑中或已退回的草稿可以提交");
  const errors = await draftErrors(draft);
  if (errors.length) return errors;
  const [changed] = await ItemDraft.update(
    { status: "submitted", centerComment: null, rowVersion: draft.rowVersion + 1 },
    { where: { id: draft.id, rowVersion: draft.rowVersion } },
  );
  if (changed !== 1) throw new StudioError("草稿已被他人修改，请刷新后再提交", 409);
  await audit(undefined, user, "submitted", { itemId: draft.itemId, draftId: draft.id });
  return [];
}

/** What the center reads before publishing: the draft and its changes against the published version. */
export async function draftReview(user: CurrentUser, draftId: number): Promise<{ draft: ItemDraft; changes: Change[]; department: string }> {
  const draft = await findDraft(user, draftId);
  const item = draft.itemId ? await ServiceItem.findByPk(draft.itemId) : null;
  const published = item?.publishedVersionId ? await versionDocument(item.publishedVersionId) : null;
  const department = (await Department.findByPk(draft.departmentId))?.name ?? "";
  return { draft, changes: versionDiff(published, draft.document), department };
}

/** The department's drafts that are still open (editing, waiting for the center, or returned). */
export async function departmentDrafts(user: CurrentUser) {
  if (!hasRole(user, "dept_admin") || !user.departmentId) throw new StudioError("只有部门事项管理员可以配置事项", 403);
  const drafts = await ItemDraft.findAll({ where: { departmentId: user.departmentId, status: OPEN }, order: [["updatedAt", "DESC"]] });
  return drafts.map((d) => ({ id: d.id, itemId: d.itemId, name: d.document.item.name, status: d.status, comment: d.centerComment, updatedAt: d.updatedAt }));
}

/** Drafts waiting for the center, oldest first. */
export async function submittedDrafts(user: CurrentUser) {
  requireCenter(user);
  const drafts = await ItemDraft.findAll({ where: { status: "submitted" }, order: [["updatedAt", "ASC"]] });
  const departments = new Map((await Department.findAll()).map((d) => [d.id, d.name]));
  return drafts.map((d) => ({ id: d.id, name: d.document.item.name, department: departments.get(d.departmentId) ?? "", isNew: d.itemId === null, submittedAt: d.updatedAt }));
}

/**
 * Publishes a submitted draft as the item's new version, in one transaction with the draft's state: either both
 * happen or neither. Open cases stay on the version they were submitted on.
 */
export async function publishDraft(user: CurrentUser, draftId: number): Promise<ItemVersion> {
  requireCenter(user);
  return sequelize.transaction(async (t) => {
    const draft = await ItemDraft.findByPk(draftId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!draft) throw new StudioError("草稿不存在", 404);
    if (draft.status !== "submitted") throw new StudioError("该草稿不在待发布状态（可能已被发布或退回）", 409);
    const item = draft.itemId ? await ServiceItem.findByPk(draft.itemId, { transaction: t }) : null;
    const version = await publishVersion(
      draft.document,
      { departmentCode: await departmentCode(draft.departmentId), ...(draft.orgUnitCode && { orgUnitCode: draft.orgUnitCode }), popular: item?.popular ?? false },
      t,
    );
    await draft.update({ status: "published", publishedVersionId: version.id, openItemKey: null, itemId: version.itemId, rowVersion: draft.rowVersion + 1 }, { transaction: t });
    await audit(t, user, "published", { itemId: version.itemId, draftId: draft.id }, `第 ${version.version} 版`);
    return version;
  });
}

/** Sends a submitted draft back to its department with the center's comments. */
export async function returnDraft(user: CurrentUser, draftId: number, comment: string): Promise<void> {
  requireCenter(user);
  const text = comment.trim();
  if (text.length < 2 || text.length > 1000) throw new StudioError("请填写退回意见（2–1000 字）");
  const [changed] = await ItemDraft.update({ status: "returned", centerComment: text }, { where: { id: draftId, status: "submitted" } });
  if (changed !== 1) throw new StudioError("该草稿不在待发布状态（可能已被发布或退回）", 409);
  const draft = await ItemDraft.findByPk(draftId, { rejectOnEmpty: true });
  await audit(undefined, user, "returned", { itemId: draft.itemId, draftId }, text);
}

/** Stops an item from taking new applications; its open cases go on under their versions. */
export async function withdrawItem(user: CurrentUser, itemId: number, reason: string): Promise<void> {
  const item = await ServiceItem.findByPk(itemId);
  if (!item) throw new StudioError("事项不存在", 404);
  if (!hasRole(user, "center_admin")) requireDepartmentAdmin(user, item.departmentId);
  const text = reason.trim();
  if (text.length < 2 || text.length > 500) throw new StudioError("请填写停止办理的原因（2–500 字）");
  await sequelize.transaction(async (t) => {
    const [changed] = await ServiceItem.update({ publishedVersionId: null }, { where: { id: itemId, publishedVersionId: { [Op.ne]: null } }, transaction: t });
    if (changed !== 1) throw new StudioError("该事项已停止办理");
    await ItemVersion.update({ status: "withdrawn" }, { where: { itemId, status: "published" }, transaction: t });
    await audit(t, user, "withdrawn", { itemId, draftId: null }, text);
  });
}

/** The studio history shown with a draft: its item's, or the new item's draft's own. */
export async function draftTrail(draft: ItemDraft) {
  const entries = draft.itemId ? await auditTrail(draft.itemId) : await ItemAudit.findAll({ where: { draftId: draft.id }, order: [["id", "DESC"]] });
  return entries.map((e) => ({ id: e.id, actor: e.actorName, action: AUDIT_ACTION_LABELS[e.action] ?? e.action, detail: e.detail, at: e.createdAt }));
}

/** The item's studio history, newest first (including what happened to it as a new item's draft). */
export async function auditTrail(itemId: number) {
  const drafts = (await ItemDraft.findAll({ where: { itemId }, attributes: ["id"] })).map((d) => d.id);
  return ItemAudit.findAll({ where: { [Op.or]: [{ itemId }, { draftId: drafts }] }, order: [["id", "DESC"]], limit: 200 });
}
