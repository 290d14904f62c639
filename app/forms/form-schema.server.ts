import type { ValidateFunction } from "ajv";
import type { FormJsonSchema } from "~/schemas/types.generated";
import { createAjv, toFieldErrors, type FieldError } from "~/schemas/validate.server";
import { fieldTitle } from "./field-title";

const MAX_SCHEMA_BYTES = 200_000;
const MAX_DEPTH = 12;

function depth(node: unknown): number {
  if (!node || typeof node !== "object") return 0;
  let max = 0;
  for (const v of Object.values(node)) max = Math.max(max, depth(v));
  return max + 1;
}

/** Checks an admin-written form schema: size and nesting limits, then the draft-07 meta-schema. */
export function checkFormSchema(schema: unknown): FieldError[] {
  const text = JSON.stringify(schema ?? null);
  if (text.length > MAX_SCHEMA_BYTES) return [{ path: "", message: `表单结构过大（超过 ${MAX_SCHEMA_BYTES / 1000} kB）` }];
  if (depth(schema) > MAX_DEPTH * 2) return [{ path: "", message: `表单结构嵌套过深（超过 ${MAX_DEPTH} 层）` }];
  const ajv = createAjv();
  if (ajv.validateSchema(schema as object)) return [];
  return toFieldErrors(ajv.errors).map((e) => ({ ...e, message: `表单结构不符合 JSON Schema 规范：${e.message}` }));
}

const validators = new Map<number, ValidateFunction>();
const sharedAjv = createAjv();

/**
 * Validates a submission against the pinned form version's schema on the server, never trusting the client.
 * Validators are compiled once per form definition row (a published version never changes).
 */
export function validateSubmission(formId: number, schema: FormJsonSchema, data: unknown): FieldError[] {
  let validate = validators.get(formId);
  if (!validate) {
    validate = sharedAjv.compile(schema);
    validators.set(formId, validate);
  }
  if (validate(data)) return [];
  return toFieldErrors(validate.errors, (path) => fieldTitle(schema, path));
}
