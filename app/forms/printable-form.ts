/**
 * A form schema laid out for paper: the blank form (表格下载) with labelled empty boxes, or the sample (样表)
 * with example values. Pure; the Handlebars template turns the rows into A4 HTML.
 */
type Node = {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  format?: string;
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node;
  examples?: unknown[];
  uniqueItems?: boolean;
};

export interface PrintRow {
  label: string;
  required: boolean;
  hint: string;
  /** The example value in a 样表; "" in a blank form. */
  value: string;
  /** Options to tick (enums); empty for free text. */
  options: Array<{ text: string; ticked: boolean }>;
  /** Tall box for long text. */
  tall: boolean;
  /** A repeating table (股东, 家庭成员): its column labels and rows. */
  table: { columns: string[]; rows: string[][] } | null;
  /** A heading row for a nested group (法定代表人). */
  heading: boolean;
}

/** Human examples for a 样表, by what the field's title says it is. */
const EXAMPLES: Array<[RegExp, string]> = [
  [/身份证|公民身份号码/, "610924199003151234"],
  [/手机|电话|联系方式/, "139****5678"],
  [/信用代码/, "91610924MA70XXXXXX"],
  [/姓名|经办人|联系人|法定代表人|负责人/, "张三"],
  [/地址|住所|场所/, "紫阳县城关镇新桥社区紫府路18号"],
  [/名称/, "紫阳县××有限公司"],
  [/日期|期限|时间/, "2026-11-27"],
  [/金额|资本|资金|元/, "50"],
  [/人数|数量|份数|面积/, "5"],
];

function exampleFor(node: Node): string {
  if (node.examples?.length) return String(node.examples[0]);
  if (node.format === "date") return "2026-11-27";
  const title = node.title ?? "";
  return EXAMPLES.find(([re]) => re.test(title))?.[1] ?? "（按实际情况填写）";
}

const typeOf = (n: Node) => (Array.isArray(n.type) ? n.type[0] : n.type);

export function printableFormRows(schema: Node, uiSchema: Record<string, unknown>, withExamples: boolean): PrintRow[] {
  const order = (uiSchema["ui:order"] as string[] | undefined) ?? [];
  const keys = Object.keys(schema.properties ?? {}).sort((a, b) => (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999));
  const rows: PrintRow[] = [];
  const required = new Set(schema.required ?? []);
  for (const key of keys) {
    const node = schema.properties![key];
    const ui = (uiSchema[key] ?? {}) as Record<string, unknown>;
    const base = { label: node.title ?? key, required: required.has(key), hint: node.description ?? "", value: "", options: [], tall: false, table: null, heading: false };
    const type = typeOf(node);
    if (type === "object") {
      rows.push({ ...base, heading: true });
      rows.push(...printableFormRows(node, ui, withExamples).map((r) => ({ ...r, label: `　${r.label}` })));
    } else if (type === "array" && node.items && typeOf(node.items) === "object") {
      const columns = Object.entries(node.items.properties ?? {}).map(([k, c]) => c.title ?? k);
      const example = Object.values(node.items.properties ?? {}).map((c) => (c.enum ? String(c.enum[0]) : exampleFor(c)));
      const blank = columns.map(() => "");
      rows.push({ ...base, table: { columns, rows: withExamples ? [example, blank] : [blank, blank, blank] } });
    } else if (node.enum || node.items?.enum) {
      const options = (node.enum ?? node.items!.enum!).map(String);
      rows.push({ ...base, options: options.map((text, i) => ({ text, ticked: withExamples && i === 0 })) });
    } else if (type === "boolean") {
      rows.push({ ...base, options: ["是", "否"].map((text, i) => ({ text, ticked: withExamples && i === 0 })) });
    } else {
      rows.push({ ...base, value: withExamples ? exampleFor(node) : "", tall: ui["ui:widget"] === "textarea" });
    }
  }
  return rows;
}
