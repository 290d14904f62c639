/**
 * The designer's editing surface: a FormDesign shown as an RJSF form a clerk fills in (palette kind, label,
 * rules per field; add, move, copy, delete rows), and read back. Values a clerk types as text (defaults,
 * condition values, step numbers from 1) are converted to the design's types here, in one place.
 */
import type { FormDefinition, FormSection } from "~/schemas/types.generated";
import { COLUMN_KINDS, designErrors, FIELD_KINDS, toFormDefinition, type DesignField, type FieldValue, type FormDesign } from "./designer";

const kindOptions = (kinds: readonly string[]) => kinds.map((k) => ({ const: k, title: FIELD_KINDS[k as keyof typeof FIELD_KINDS] }));

const KEY_PATTERN = "^[A-Za-z][A-Za-z0-9_]{0,39}$";

export const DESIGN_SCHEMA = {
  type: "object",
  required: ["title", "fields"],
  properties: {
    title: { type: "string", title: "表单标题", minLength: 1, maxLength: 100 },
    steps: { type: "array", title: "步骤（分步填写时逐一添加；不添加则为单页表单）", maxItems: 8, items: { type: "string", title: "步骤名称", minLength: 1, maxLength: 30 } },
    fields: { type: "array", title: "字段", minItems: 1, maxItems: 100, items: { $ref: "#/definitions/field" } },
  },
  definitions: {
    field: {
      type: "object",
      required: ["kind", "label", "key"],
      properties: {
        kind: { type: "string", title: "控件", oneOf: kindOptions(Object.keys(FIELD_KINDS)), default: "text" },
        label: { type: "string", title: "字段名称（说明文字、分节标题填内容）", minLength: 1, maxLength: 200 },
        key: { type: "string", title: "字段标识（字母开头，用于数据和文书模板）", pattern: KEY_PATTERN },
        required: { type: "boolean", title: "必填", default: false },
        help: { type: "string", title: "填写说明", maxLength: 300 },
        placeholder: { type: "string", title: "输入提示", maxLength: 100 },
        defaultValue: { type: "string", title: "默认值（是/否字段填“是”或“否”）", maxLength: 200 },
        options: { type: "array", title: "选项（下拉、单选、多选）", items: { type: "string", title: "选项", minLength: 1, maxLength: 100 } },
        minLength: { type: "integer", title: "最少字数", minimum: 0 },
        maxLength: { type: "integer", title: "最多字数", minimum: 1 },
        minimum: { type: "number", title: "最小值（数字、金额）" },
        maximum: { type: "number", title: "最大值（数字、金额）" },
        step: { type: "integer", title: "所属步骤（第几步，从 1 开始）", minimum: 1 },
        visibleField: { type: "string", title: "显示条件：当字段（标识）", pattern: KEY_PATTERN },
        visibleEquals: { type: "string", title: "显示条件：等于（是/否字段填“是”或“否”）", maxLength: 100 },
        prefillSource: { type: "string", title: "预填来源", oneOf: [{ const: "applicant", title: "申请人信息" }, { const: "enterprise", title: "法人信息" }, { const: "licence", title: "电子证照" }] },
        prefillPath: { type: "string", title: "预填来源字段（如 name、mobile、idCard、creditCode）", maxLength: 100 },
        material: { type: "string", title: "对应申请材料编号（材料上传）", maxLength: 40 },
        columns: {
          type: "array",
          title: "表格列（重复表格）",
          items: {
            type: "object",
            required: ["kind", "label", "key"],
            properties: {
              kind: { type: "string", title: "列控件", oneOf: kindOptions(COLUMN_KINDS), default: "text" },
              label: { type: "string", title: "列名称", minLength: 1, maxLength: 50 },
              key: { type: "string", title: "列标识", pattern: KEY_PATTERN },
              required: { type: "boolean", title: "必填", default: false },
              options: { type: "array", title: "选项（下拉列）", items: { type: "string", minLength: 1 } },
            },
          },
        },
        minRows: { type: "integer", title: "最少行数", minimum: 0 },
        maxRows: { type: "integer", title: "最多行数", minimum: 1 },
      },
    },
  },
} as const;

export const DESIGN_UI_SCHEMA = {
  steps: { "ui:options": { orderable: true } },
  fields: {
    "ui:options": { orderable: true, copyable: true, removable: true, addable: true },
    items: {
      "ui:order": ["kind", "label", "key", "required", "*"],
      help: { "ui:widget": "textarea", "ui:options": { rows: 2 } },
      label: { "ui:widget": "textarea", "ui:options": { rows: 1 } },
    },
  },
};

/** One row of the editing form. */
export interface EditedField {
  kind: DesignField["kind"];
  label: string;
  key: string;
  required?: boolean;
  help?: string;
  placeholder?: string;
  defaultValue?: string;
  options?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  step?: number;
  visibleField?: string;
  visibleEquals?: string;
  prefillSource?: "applicant" | "enterprise" | "licence";
  prefillPath?: string;
  material?: string;
  columns?: Array<{ kind: (typeof COLUMN_KINDS)[number]; label: string; key: string; required?: boolean; options?: string[] }>;
  minRows?: number;
  maxRows?: number;
}

export interface EditedDesign {
  title: string;
  steps?: string[];
  fields: EditedField[];
}

const asText = (v: FieldValue | undefined) => (v === undefined ? undefined : typeof v === "boolean" ? (v ? "是" : "否") : String(v));

function typed(kind: DesignField["kind"] | undefined, text: string | undefined): FieldValue | undefined {
  if (text === undefined || text === "") return undefined;
  if (kind === "yesNo") return text === "是" || text === "true";
  if (kind === "number" || kind === "amount") return Number.isFinite(Number(text)) ? Number(text) : text;
  return text;
}

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")) as T;

export function designToEdited(design: FormDesign): EditedDesign {
  return {
    title: design.title,
    steps: design.steps,
    fields: design.fields.map((f) =>
      defined<EditedField>({
        kind: f.kind,
        label: f.label,
        key: f.key,
        required: f.required,
        help: f.help,
        placeholder: f.placeholder,
        defaultValue: asText(f.defaultValue),
        options: f.options,
        minLength: f.minLength,
        maxLength: f.maxLength,
        minimum: f.minimum,
        maximum: f.maximum,
        step: f.step === undefined ? undefined : f.step + 1,
        visibleField: f.visibleWhen?.field,
        visibleEquals: asText(f.visibleWhen?.equals),
        prefillSource: f.prefill?.source,
        prefillPath: f.prefill?.path,
        material: f.material,
        columns: f.columns?.map((c) => defined({ ...c })),
        minRows: f.minRows,
        maxRows: f.maxRows,
      }),
    ),
  };
}

export function editedToDesign(edited: EditedDesign): FormDesign {
  const kinds = new Map(edited.fields.map((f) => [f.key, f.kind]));
  return {
    title: edited.title,
    steps: edited.steps ?? [],
    fields: edited.fields.map((f) => {
      const field = defined<DesignField>({
        key: f.key,
        kind: f.kind,
        label: f.label,
        help: f.help,
        placeholder: f.placeholder,
        required: f.required || undefined,
        defaultValue: typed(f.kind, f.defaultValue),
        minLength: f.minLength,
        maxLength: f.maxLength,
        minimum: f.minimum,
        maximum: f.maximum,
        options: f.options,
        step: f.step === undefined ? undefined : f.step - 1,
        material: f.material,
        columns: f.columns?.map((c) => defined({ ...c, required: c.required || undefined })),
        minRows: f.minRows,
        maxRows: f.maxRows,
      });
      if (f.visibleField) field.visibleWhen = { field: f.visibleField, equals: typed(kinds.get(f.visibleField), f.visibleEquals) ?? "" };
      if (f.prefillSource && f.prefillPath) field.prefill = { source: f.prefillSource, path: f.prefillPath };
      return field;
    }),
  };
}

/**
 * The stored form for what the designer holds: the design's JSON Schema + uiSchema with the one-table sections
 * (keys of deleted fields dropped, empty sections dropped; one_table exactly when there are sections), or the
 * design's mistakes (paths under "form.").
 */
export function formFromEdited(edited: EditedDesign & { sections?: FormSection[] }, previous: FormDefinition): { form: FormDefinition } | { errors: Array<{ path: string; message: string }> } {
  const design = editedToDesign(edited);
  const problems = designErrors(design);
  if (problems.length) return { errors: problems.map((p) => ({ path: `form.${p.path}`, message: p.message })) };
  const keys = new Set(design.fields.map((f) => f.key));
  const sections = (edited.sections ?? previous.sections ?? [])
    .map((s) => ({ ...s, fields: (s.fields ?? []).filter((f) => keys.has(f)) }))
    .filter((s): s is FormSection => s.fields.length > 0);
  const kind = sections.length ? "one_table" : previous.kind === "one_table" ? "application" : previous.kind;
  return { form: { ...toFormDefinition(design), kind, ...(sections.length && { sections }) } };
}
