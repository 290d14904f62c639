import fs from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import type { DocumentKind, FormJsonSchema } from "~/schemas/types.generated";

const TEMPLATE_DIR = path.resolve("templates");

export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  application: "申请表",
  acceptance_notice: "受理通知书",
  supplement_notice: "补正材料告知书",
  rejection_notice: "不予受理决定书",
  extension_notice: "延长审批期限告知书",
  approval_decision: "准予行政许可决定书",
  denial_decision: "不予行政许可决定书",
  licence: "电子证照",
};

function readTemplate(name: string): string {
  return fs.readFileSync(path.join(TEMPLATE_DIR, `${name}.hbs`), "utf8");
}

let environment: typeof Handlebars | null = null;

/** One Handlebars environment with the A4 layout partial; templates compile in strict mode. */
function handlebars(): typeof Handlebars {
  if (!environment) {
    environment = Handlebars.create();
    environment.registerPartial("a4-style", readTemplate("a4-style"));
    environment.registerPartial("layout", readTemplate("layout"));
  }
  return environment;
}

const compiled = new Map<string, HandlebarsTemplateDelegate>();

/**
 * Renders a document. Strict mode makes a misspelt field an error instead of a blank; values are HTML-escaped.
 * `override` is an item version's own template source for this kind.
 */
export function renderDocument(kind: DocumentKind | "blank_form", data: Record<string, unknown>, override?: string | null): string {
  const source = override ?? readTemplate(kind);
  let template = compiled.get(source);
  if (!template) {
    template = handlebars().compile(source, { strict: true });
    compiled.set(source, template);
  }
  return template(data);
}

function display(value: unknown, schema: Record<string, unknown> | undefined): string {
  if (value === undefined || value === null || value === "") return "";
  if (typeof value === "boolean") return value ? "是" : "否";
  if (Array.isArray(value)) {
    const items = schema?.items as Record<string, unknown> | undefined;
    return value.map((v) => display(v, items)).join("；");
  }
  if (typeof value === "object") {
    const props = (schema?.properties ?? {}) as Record<string, Record<string, unknown>>;
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${(props[k]?.title as string) ?? k}：${display(v, props[k])}`)
      .join("，");
  }
  return String(value);
}

/** Top-level fields of a submission as label/value rows, in the form's order, for printouts. */
export function printableFields(schema: FormJsonSchema, data: Record<string, unknown>, only?: string[]): Array<{ title: string; value: string }> {
  const props = schema.properties as Record<string, Record<string, unknown>>;
  return Object.keys(props)
    .filter((key) => !only || only.includes(key))
    .filter((key) => data[key] !== undefined)
    .map((key) => ({ title: (props[key].title as string) ?? key, value: display(data[key], props[key]) }));
}
