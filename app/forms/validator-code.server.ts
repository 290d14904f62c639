import { _ } from "ajv";
import standaloneCode from "ajv/dist/standalone";
import { hashForSchema, ID_KEY, schemaParser, type RJSFSchema } from "@rjsf/utils";
import type { FormJsonSchema } from "~/schemas/types.generated";
import { createAjv } from "~/schemas/validate.server";

/**
 * The browser validates an application form with code generated here, so it never downloads Ajv (about 50 kB
 * gzip): Ajv's standalone mode turns the form's schema, and every sub-schema RJSF may test while rendering
 * (oneOf/anyOf options, if/then), into plain functions, keyed as RJSF keys them (`$id` or `hashForSchema`).
 * The Ajv options are the server's own (createAjv), so the browser finds what the server finds.
 *
 * Security: the schema is never user input. Form schemas are stored only by publishVersion (catalog/service.server),
 * after checkFormSchema validated them against the draft-07 meta-schema with size and nesting limits, and Ajv
 * emits every schema value (patterns, enum strings, titles) through its escaping code generator.
 *
 * The module served (see routes/forms/validator.ts) is an ES module whose default export takes a `require` for
 * Ajv's few runtime helpers (string length, deep equality, formats), which the browser supplies from
 * forms/validator-runtime.ts; it returns the validators by key, and `root` names the form's own.
 */
export function validatorModuleSource(schema: FormJsonSchema): string {
  const schemas = Object.values(schemaParser(schema as RJSFSchema));
  const ajv = createAjv({ code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
  for (const s of schemas) ajv.addSchema(s);
  const root = (schema as RJSFSchema)[ID_KEY] ?? hashForSchema(schema as RJSFSchema);
  const code = standaloneCode(ajv).replace(/^"use strict";/, "");
  return `export const root = ${JSON.stringify(root)};\nexport default function validators(require) {\nconst exports = {};\n${code}\nreturn exports;\n}\n`;
}

/** Generated once per form definition row: a stored form version never changes. Bounded like the version cache. */
const sources = new Map<number, string>();
const CACHE_SIZE = 200;

export function formValidatorModule(formId: number, schema: FormJsonSchema): string {
  let source = sources.get(formId);
  if (source === undefined) {
    source = validatorModuleSource(schema);
    if (sources.size >= CACHE_SIZE) sources.delete(sources.keys().next().value!);
    sources.set(formId, source);
  }
  return source;
}
