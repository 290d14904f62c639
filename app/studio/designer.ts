/**
 * The visual form designer's model and its exact translation to and from what the hall stores and renders:
 * JSON Schema (draft-07) + uiSchema + prefill bindings. Pure: the designer UI, the raw-JSON tab and the
 * publication checks all go through these two functions, and fromFormDefinition(toFormDefinition(d)) gives
 * back d (a property-based test proves it over generated designs).
 *
 * Every property schema carries its palette kind as "x-kind", so a definition reads back as the same field
 * kind (an amount is a number, a mobile number a string with a pattern; the kind says which it was).
 */
import type { FormDefinition, PrefillBinding } from "~/schemas/types.generated";

export const FIELD_KINDS = {
  text: "单行文本",
  textarea: "多行文本",
  number: "数字",
  amount: "金额（元）",
  date: "日期",
  dateRange: "日期区间",
  select: "下拉选择",
  radio: "单选",
  checkboxes: "多选",
  yesNo: "是/否",
  idCard: "公民身份号码",
  mobile: "手机号码",
  creditCode: "统一社会信用代码",
  email: "电子邮箱",
  address: "地址（省/市/县/镇）",
  upload: "材料上传",
  table: "重复表格",
  heading: "分节标题",
  paragraph: "说明文字",
} as const;

export type FieldKind = keyof typeof FIELD_KINDS;

/** Kinds a repeating table's columns may have (one value per cell). */
export const COLUMN_KINDS = ["text", "number", "amount", "date", "select", "idCard", "mobile", "yesNo"] as const satisfies readonly FieldKind[];
export type ColumnKind = (typeof COLUMN_KINDS)[number];

/** Format presets: the pattern and the Chinese message shown when a value does not match. */
export const FORMAT_PRESETS = {
  idCard: { pattern: "^[1-9][0-9]{16}[0-9X]$", message: "请填写 18 位公民身份号码（最后一位可为 X）" },
  mobile: { pattern: "^1[3-9][0-9]{9}$", message: "请填写 11 位手机号码" },
  creditCode: { pattern: "^[0-9A-HJ-NPQRTUWXY]{18}$", message: "请填写 18 位统一社会信用代码（不含 I、O、Z、S、V）" },
} as const;

export type FieldValue = string | number | boolean;

export interface DesignField {
  /** The data key: letters, digits and underscores, starting with a letter. */
  key: string;
  kind: FieldKind;
  label: string;
  help?: string;
  placeholder?: string;
  required?: boolean;
  /** text/textarea/select/radio/mobile…: a string; number/amount: a number; yesNo: a boolean. */
  defaultValue?: FieldValue;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  /** select / radio / checkboxes. */
  options?: string[];
  /** Shown only when another field has this value (its data is then required only if `required`). */
  visibleWhen?: { field: string; equals: FieldValue };
  /** Index into FormDesign.steps (multi-step forms); absent on single-step forms. */
  step?: number;
  /** Filled in from the applicant's profile, enterprise record or an e-licence. */
  prefill?: { source: PrefillBinding["source"]; path: string };
  /** upload: the key of the item's material this upload provides. */
  material?: string;
  /** table: its columns; rows are added with "再添加一行". */
  columns?: DesignColumn[];
  minRows?: number;
  maxRows?: number;
}

export interface DesignColumn {
  key: string;
  kind: ColumnKind;
  label: string;
  required?: boolean;
  options?: string[];
}

export interface FormDesign {
  title: string;
  /** Step titles of a multi-step form; empty for a single page. */
  steps: string[];
  fields: DesignField[];
}

type JsonObject = Record<string, unknown>;

const ADDRESS_PARTS = [
  ["province", "省"],
  ["city", "市"],
  ["county", "县（区）"],
  ["town", "乡镇（街道）"],
  ["village", "村（社区）"],
  ["detail", "详细地址"],
] as const;
/** 村（社区） is chosen where the town has villages in the org tree; a town without them leaves it empty. */
const OPTIONAL_ADDRESS_PARTS: ReadonlySet<string> = new Set(["village"]);

function valueSchema(kind: FieldKind | ColumnKind, f: Pick<DesignField, "options" | "minLength" | "maxLength" | "minimum" | "maximum">): JsonObject {
  const lengths = { ...(f.minLength !== undefined && { minLength: f.minLength }), ...(f.maxLength !== undefined && { maxLength: f.maxLength }) };
  const range = { ...(f.minimum !== undefined && { minimum: f.minimum }), ...(f.maximum !== undefined && { maximum: f.maximum }) };
  switch (kind) {
    case "text":
    case "textarea":
      return { type: "string", ...lengths };
    case "number":
      return { type: "number", ...range };
    case "amount":
      return { type: "number", multipleOf: 0.01, ...range };
    case "date":
      return { type: "string", format: "date" };
    case "select":
    case "radio":
      return { type: "string", enum: f.options ?? [] };
    case "checkboxes":
      return { type: "array", uniqueItems: true, items: { type: "string", enum: f.options ?? [] } };
    case "yesNo":
      return { type: "boolean", oneOf: [{ const: true, title: "是" }, { const: false, title: "否" }] };
    case "idCard":
    case "mobile":
    case "creditCode":
      return { type: "string", pattern: FORMAT_PRESETS[kind].pattern };
    case "email":
      return { type: "string", format: "email", ...lengths };
    case "dateRange":
      return {
        type: "object",
        properties: { start: { type: "string", format: "date", title: "开始日期" }, end: { type: "string", format: "date", title: "结束日期" } },
        required: ["start", "end"],
      };
    case "address":
      return {
        type: "object",
        properties: Object.fromEntries(ADDRESS_PARTS.map(([key, title]) => [key, { type: "string", title }])),
        required: ADDRESS_PARTS.map(([key]) => key).filter((key) => !OPTIONAL_ADDRESS_PARTS.has(key)),
      };
    case "upload":
      return { type: "string" };
    case "heading":
    case "paragraph":
      return { type: "null" };
    case "table":
      return { type: "array" };
  }
}

const WIDGETS: Partial<Record<FieldKind, string>> = { textarea: "textarea", radio: "radio", checkboxes: "checkboxes", yesNo: "radio", upload: "material" };

function columnSchema(c: DesignColumn): JsonObject {
  return { "x-kind": c.kind, title: c.label, ...valueSchema(c.kind, c) };
}

function fieldSchema(f: DesignField): JsonObject {
  const schema: JsonObject = { "x-kind": f.kind, title: f.label, ...valueSchema(f.kind, f) };
  if (f.kind === "paragraph") {
    delete schema.title;
    schema.description = f.label;
  } else if (f.help !== undefined) {
    schema.description = f.help;
  }
  if (f.defaultValue !== undefined) schema.default = f.defaultValue;
  if (f.material !== undefined) schema["x-material"] = f.material;
  if (f.kind === "table") {
    const columns = f.columns ?? [];
    schema.items = {
      type: "object",
      properties: Object.fromEntries(columns.map((c) => [c.key, columnSchema(c)])),
      required: columns.filter((c) => c.required).map((c) => c.key),
      "x-order": columns.map((c) => c.key),
    };
    if (f.minRows !== undefined) schema.minItems = f.minRows;
    if (f.maxRows !== undefined) schema.maxItems = f.maxRows;
  }
  if (f.kind === "idCard" || f.kind === "mobile" || f.kind === "creditCode") schema["x-message"] = FORMAT_PRESETS[f.kind].message;
  return schema;
}

function fieldUi(f: DesignField): JsonObject {
  const ui: JsonObject = {};
  const widget = WIDGETS[f.kind];
  if (widget) ui["ui:widget"] = widget;
  if (f.kind === "address") ui["ui:field"] = "address";
  if (f.placeholder !== undefined) ui["ui:placeholder"] = f.placeholder;
  const options: JsonObject = {};
  if (f.visibleWhen) options.visibleWhen = f.visibleWhen;
  if (f.step !== undefined) options.step = f.step;
  if (f.kind === "table") Object.assign(options, { orderable: false, addable: true, removable: true });
  if (Object.keys(options).length) ui["ui:options"] = options;
  if (f.kind === "table") ui.items = { "ui:order": (f.columns ?? []).map((c) => c.key) };
  return ui;
}

/**
 * The stored form: properties in design order, `required` for always-visible required fields, and for a
 * conditional required field an if/then rule, so the server enforces it exactly when the citizen sees it.
 */
export function toFormDefinition(design: FormDesign): Pick<FormDefinition, "kind" | "schema" | "uiSchema" | "prefill"> {
  const properties: Record<string, JsonObject> = {};
  const uiSchema: JsonObject = { "ui:order": design.fields.map((f) => f.key) };
  const required: string[] = [];
  const rules: JsonObject[] = [];
  for (const f of design.fields) {
    properties[f.key] = fieldSchema(f);
    const ui = fieldUi(f);
    if (Object.keys(ui).length) uiSchema[f.key] = ui;
    if (!f.required) continue;
    if (f.visibleWhen) {
      rules.push({ if: { properties: { [f.visibleWhen.field]: { const: f.visibleWhen.equals } }, required: [f.visibleWhen.field] }, then: { required: [f.key] } });
    } else {
      required.push(f.key);
    }
  }
  if (design.steps.length) uiSchema["ui:steps"] = design.steps;
  const schema = { type: "object" as const, title: design.title, properties, required, ...(rules.length && { allOf: rules }) };
  const prefill = design.fields.filter((f) => f.prefill).map((f) => ({ field: f.key, source: f.prefill!.source, path: f.prefill!.path }));
  return { kind: "application", schema, uiSchema, ...(prefill.length && { prefill }) };
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);
const num = (v: unknown) => (typeof v === "number" ? v : undefined);

function readValueLimits(kind: FieldKind | ColumnKind, s: JsonObject) {
  const out: Partial<DesignField> = {};
  if (kind === "text" || kind === "textarea" || kind === "email") {
    if (num(s.minLength) !== undefined) out.minLength = num(s.minLength);
    if (num(s.maxLength) !== undefined) out.maxLength = num(s.maxLength);
  }
  if (kind === "number" || kind === "amount") {
    if (num(s.minimum) !== undefined) out.minimum = num(s.minimum);
    if (num(s.maximum) !== undefined) out.maximum = num(s.maximum);
  }
  if (kind === "select" || kind === "radio") out.options = (s.enum as string[]) ?? [];
  if (kind === "checkboxes") out.options = ((s.items as JsonObject | undefined)?.enum as string[]) ?? [];
  return out;
}

export class NotADesignError extends Error {}

/** The palette kind of a hand-written property (forms made before the designer), when it is a plain one. */
function inferKind(s: JsonObject, ui: JsonObject): FieldKind | null {
  const widget = ui["ui:widget"];
  const pattern = str(s.pattern);
  const preset = (Object.keys(FORMAT_PRESETS) as Array<keyof typeof FORMAT_PRESETS>).find((k) => FORMAT_PRESETS[k].pattern === pattern);
  switch (s.type) {
    case "null":
      return "heading";
    case "boolean":
      return s.const === undefined ? "yesNo" : null;
    case "number":
    case "integer":
      return s.multipleOf === 0.01 ? "amount" : "number";
    case "string":
      if (s.enum) return widget === "radio" ? "radio" : "select";
      if (s.format === "date") return "date";
      if (s.format === "email") return "email";
      if (preset) return preset;
      if (pattern) return null;
      return widget === "textarea" ? "textarea" : "text";
    case "array": {
      const items = (s.items ?? {}) as JsonObject;
      if (items.type === "string" && items.enum) return "checkboxes";
      if (items.type === "object" && Object.values((items.properties ?? {}) as Record<string, JsonObject>).every((c) => !c["x-kind"] && (inferKind(c, {}) ?? "") in { text: 1, number: 1, amount: 1, date: 1, select: 1, idCard: 1, mobile: 1, yesNo: 1 })) return "table";
      return null;
    }
    default:
      return null;
  }
}

/** Reads a stored form back into the designer; a property without a known "x-kind" is refused (raw JSON only). */
export function fromFormDefinition(def: Pick<FormDefinition, "schema" | "uiSchema" | "prefill">): FormDesign {
  const schema = def.schema as JsonObject;
  const uiSchema = (def.uiSchema ?? {}) as JsonObject;
  const properties = (schema.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const conditionallyRequired = new Set(
    ((schema.allOf as JsonObject[] | undefined) ?? []).flatMap((rule) => ((rule.then as JsonObject | undefined)?.required as string[] | undefined) ?? []),
  );
  const order = (uiSchema["ui:order"] as string[] | undefined) ?? Object.keys(properties);
  const prefill = new Map((def.prefill ?? []).map((p) => [p.field, { source: p.source, path: p.path }]));
  const fields = order.map((key): DesignField => {
    const s = properties[key];
    if (!s) throw new NotADesignError(`界面顺序中的字段 ${key} 不存在`);
    const ui = (uiSchema[key] ?? {}) as JsonObject;
    const kind = (s["x-kind"] as FieldKind | undefined) ?? inferKind(s, ui);
    if (!kind || !(kind in FIELD_KINDS)) throw new NotADesignError(`字段“${str(s.title) ?? key}”的结构设计器无法编辑，请在 JSON 页签中编辑`);
    const options = (ui["ui:options"] ?? {}) as JsonObject;
    const field: DesignField = { key, kind, label: kind === "paragraph" ? (str(s.description) ?? "") : (str(s.title) ?? "") };
    if (kind !== "paragraph" && str(s.description) !== undefined) field.help = str(s.description);
    if (str(ui["ui:placeholder"]) !== undefined) field.placeholder = str(ui["ui:placeholder"]);
    const visibleWhen = options.visibleWhen as DesignField["visibleWhen"] | undefined;
    if (required.has(key) || (visibleWhen && conditionallyRequired.has(key))) field.required = true;
    if (s.default !== undefined) field.defaultValue = s.default as FieldValue;
    Object.assign(field, readValueLimits(kind, s));
    if (visibleWhen) field.visibleWhen = visibleWhen;
    if (num(options.step) !== undefined) field.step = num(options.step);
    const binding = prefill.get(key);
    if (binding) field.prefill = binding;
    if (str(s["x-material"]) !== undefined) field.material = str(s["x-material"]);
    if (kind === "table") {
      const items = (s.items ?? {}) as JsonObject;
      const columnProps = (items.properties ?? {}) as Record<string, JsonObject>;
      const columnRequired = new Set((items.required as string[] | undefined) ?? []);
      field.columns = ((items["x-order"] as string[] | undefined) ?? Object.keys(columnProps)).map((ck) => {
        const c = columnProps[ck];
        const ckind = (c["x-kind"] as ColumnKind | undefined) ?? (inferKind(c, {}) as ColumnKind);
        if (!COLUMN_KINDS.includes(ckind)) throw new NotADesignError(`表格 ${key} 的列 ${ck} 不是设计器生成的列`);
        const column: DesignColumn = { key: ck, kind: ckind, label: str(c.title) ?? "" };
        if (columnRequired.has(ck)) column.required = true;
        const limits = readValueLimits(ckind, c);
        if (limits.options) column.options = limits.options;
        return column;
      });
      if (num(s.minItems) !== undefined) field.minRows = num(s.minItems);
      if (num(s.maxItems) !== undefined) field.maxRows = num(s.maxItems);
    }
    return field;
  });
  return { title: str(schema.title) ?? "", steps: (uiSchema["ui:steps"] as string[] | undefined) ?? [], fields };
}

/** Problems a department clerk can fix in the designer, each on its field (Chinese). */
export function designErrors(design: FormDesign): Array<{ path: string; message: string }> {
  const errors: Array<{ path: string; message: string }> = [];
  const keys = new Set<string>();
  design.fields.forEach((f, i) => {
    const path = `fields.${i}`;
    if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(f.key)) errors.push({ path: `${path}.key`, message: "字段标识只能包含字母、数字和下划线，并以字母开头" });
    if (keys.has(f.key)) errors.push({ path: `${path}.key`, message: `字段标识 ${f.key} 重复` });
    keys.add(f.key);
    if (!f.label.trim()) errors.push({ path: `${path}.label`, message: "请填写字段名称" });
    if ((f.kind === "select" || f.kind === "radio" || f.kind === "checkboxes") && !(f.options ?? []).length) errors.push({ path: `${path}.options`, message: "请至少填写一个选项" });
    if (f.minLength !== undefined && f.maxLength !== undefined && f.minLength > f.maxLength) errors.push({ path: `${path}.maxLength`, message: "最大长度不能小于最小长度" });
    if (f.minimum !== undefined && f.maximum !== undefined && f.minimum > f.maximum) errors.push({ path: `${path}.maximum`, message: "最大值不能小于最小值" });
    if (f.kind === "table" && !(f.columns ?? []).length) errors.push({ path: `${path}.columns`, message: "重复表格至少需要一列" });
    if (f.visibleWhen && !design.fields.slice(0, i).some((g) => g.key === f.visibleWhen!.field)) errors.push({ path: `${path}.visibleWhen`, message: "显示条件只能引用排在本字段之前的字段" });
    if (f.step !== undefined && (f.step < 0 || f.step >= design.steps.length)) errors.push({ path: `${path}.step`, message: "所属步骤不存在" });
  });
  return errors;
}
