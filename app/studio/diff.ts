/**
 * What a draft changes against the published version, in words the service center reads before publishing:
 * guide elements, materials, form fields, document templates and the workflow. Pure.
 */
import codeLists from "../../schemas/code-lists.schema.json";
import itemSchema from "../../schemas/service-item.schema.json";
import materialSchema from "../../schemas/material.schema.json";
import workflowSchema from "../../schemas/workflow.schema.json";
import type { ItemVersionDocument } from "~/schemas/types.generated";

export type ChangeArea = "办事指南" | "申请材料" | "申请表单" | "文书模板" | "审批流程";

export interface Change {
  area: ChangeArea;
  /** What changed, e.g. "承诺办结时限" or "材料“营业执照”". */
  label: string;
  kind: "added" | "removed" | "changed";
  before: string;
  after: string;
}

/** A property's Chinese title, from the schema or, for a code-list reference, from the code list. */
function titleOf(schema: object, key: string): string {
  const property = (schema as { properties?: Record<string, { title?: string; $ref?: string }> }).properties?.[key];
  if (property?.title) return property.title;
  const list = property?.$ref?.match(/#\/definitions\/(\w+)$/)?.[1] as keyof typeof codeLists.definitions | undefined;
  return (list && (codeLists.definitions[list] as { title?: string } | undefined)?.title) || key;
}

/** A value as one readable line (long values are cut; the raw JSON tab has the rest). */
export function show(value: unknown): string {
  if (value === undefined || value === null || value === "") return "（空）";
  if (typeof value === "boolean") return value ? "是" : "否";
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) return value.join("、");
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function compareObjects(area: ChangeArea, before: Record<string, unknown>, after: Record<string, unknown>, label: (key: string) => string, prefix = ""): Change[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => !same(before[k], after[k]))
    .map((k) => ({
      area,
      label: `${prefix}${label(k)}`,
      kind: before[k] === undefined ? "added" : after[k] === undefined ? "removed" : "changed",
      before: show(before[k]),
      after: show(after[k]),
    }));
}

function compareKeyed<T>(area: ChangeArea, noun: string, before: T[], after: T[], keyOf: (x: T) => string, nameOf: (x: T) => string, fields: (a: T, b: T, prefix: string) => Change[]): Change[] {
  const old = new Map(before.map((x) => [keyOf(x), x]));
  const now = new Map(after.map((x) => [keyOf(x), x]));
  const changes: Change[] = [];
  for (const [k, x] of now) {
    const was = old.get(k);
    if (!was) changes.push({ area, label: `${noun}“${nameOf(x)}”`, kind: "added", before: "（无）", after: "新增" });
    else changes.push(...fields(was, x, `${noun}“${nameOf(x)}” · `));
  }
  for (const [k, x] of old) if (!now.has(k)) changes.push({ area, label: `${noun}“${nameOf(x)}”`, kind: "removed", before: "原有", after: "已删除" });
  const order = (xs: T[]) => xs.map(keyOf).filter((k) => old.has(k) && now.has(k));
  if (!same(order(before), order(after))) changes.push({ area, label: `${noun}顺序`, kind: "changed", before: before.map(nameOf).join("、"), after: after.map(nameOf).join("、") });
  return changes;
}

type Field = { key: string; schema: Record<string, unknown> };
const formFields = (doc: ItemVersionDocument): Field[] => {
  const properties = (doc.form.schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const order = (doc.form.uiSchema["ui:order"] as string[] | undefined) ?? Object.keys(properties);
  return order.filter((k) => properties[k]).map((key) => ({ key, schema: properties[key] }));
};

const FIELD_ASPECTS: Record<string, string> = {
  title: "名称",
  description: "填写说明",
  type: "类型",
  "x-kind": "控件",
  enum: "选项",
  minLength: "最短长度",
  maxLength: "最大长度",
  minimum: "最小值",
  maximum: "最大值",
  pattern: "格式",
  format: "格式",
  default: "默认值",
  items: "表格列",
};

export function versionDiff(published: ItemVersionDocument | null, draft: ItemVersionDocument): Change[] {
  if (!published) return [{ area: "办事指南", label: "事项", kind: "added", before: "（无）", after: `新事项“${draft.item.name}”` }];
  const changes: Change[] = [];
  changes.push(...compareObjects("办事指南", published.item as unknown as Record<string, unknown>, draft.item as unknown as Record<string, unknown>, (k) => titleOf(itemSchema, k)));
  changes.push(
    ...compareKeyed("申请材料", "材料", published.materials, draft.materials, (m) => m.key, (m) => m.name, (a, b, prefix) =>
      compareObjects("申请材料", a as unknown as Record<string, unknown>, b as unknown as Record<string, unknown>, (k) => titleOf(materialSchema, k), prefix),
    ),
  );
  const required = (doc: ItemVersionDocument) => new Set(doc.form.schema.required ?? []);
  const [wasRequired, isRequired] = [required(published), required(draft)];
  changes.push(
    ...compareKeyed("申请表单", "字段", formFields(published), formFields(draft), (f) => f.key, (f) => String(f.schema.title ?? f.schema.description ?? f.key), (a, b, prefix) => {
      const fieldChanges = compareObjects("申请表单", a.schema, b.schema, (k) => FIELD_ASPECTS[k] ?? k, prefix);
      if (wasRequired.has(a.key) !== isRequired.has(b.key)) fieldChanges.push({ area: "申请表单", label: `${prefix}必填`, kind: "changed", before: show(wasRequired.has(a.key)), after: show(isRequired.has(b.key)) });
      return fieldChanges;
    }),
  );
  const otherForm = (doc: ItemVersionDocument) => {
    const { schema, uiSchema, ...rest } = doc.form;
    const { properties: _p, required: _r, ...schemaRest } = schema;
    return { ...rest, schemaRest, uiSchema };
  };
  if (!same(otherForm(published).sections, otherForm(draft).sections)) changes.push({ area: "申请表单", label: "一表式分区（各部门负责的字段）", kind: "changed", before: show(published.form.sections), after: show(draft.form.sections) });
  if (!same(otherForm(published).prefill, otherForm(draft).prefill)) changes.push({ area: "申请表单", label: "预填绑定", kind: "changed", before: show(published.form.prefill), after: show(draft.form.prefill) });
  if (!same(otherForm(published).uiSchema, otherForm(draft).uiSchema) && !changes.some((c) => c.area === "申请表单")) {
    changes.push({ area: "申请表单", label: "界面配置（显示方式、条件、步骤）", kind: "changed", before: "原配置", after: "已修改" });
  }
  changes.push(
    ...compareKeyed("文书模板", "文书", published.templates.documents, draft.templates.documents, (d) => d.kind, (d) => d.title ?? d.kind, (a, b, prefix) =>
      same(a, b) ? [] : [{ area: "文书模板", label: `${prefix}模板内容`, kind: "changed", before: "原模板", after: "已修改" }],
    ),
  );
  if (!same(published.templates.licence, draft.templates.licence)) changes.push({ area: "文书模板", label: "电子证照模板", kind: "changed", before: show(published.templates.licence?.name), after: show(draft.templates.licence?.name) });
  changes.push(...compareObjects("审批流程", published.workflow as unknown as Record<string, unknown>, draft.workflow as unknown as Record<string, unknown>, (k) => titleOf(workflowSchema, k)));
  return changes;
}
