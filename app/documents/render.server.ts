import fs from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import type { DocumentKind } from "~/schemas/types.generated";

const TEMPLATE_DIR = path.resolve("templates");

export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  application: "申请表",
  receipt: "收件回执",
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
