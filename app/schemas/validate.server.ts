import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import localizeZh from "ajv-i18n/localize/zh";
import codeLists from "../../schemas/code-lists.schema.json";
import demoAccounts from "../../schemas/demo-accounts.schema.json";
import department from "../../schemas/department.schema.json";
import fee from "../../schemas/fee.schema.json";
import formDefinition from "../../schemas/form-definition.schema.json";
import itemVersion from "../../schemas/item-version.schema.json";
import material from "../../schemas/material.schema.json";
import orgUnit from "../../schemas/org-unit.schema.json";
import seedItem from "../../schemas/seed-item.schema.json";
import serviceItem from "../../schemas/service-item.schema.json";
import templateManifest from "../../schemas/template-manifest.schema.json";
import workflow from "../../schemas/workflow.schema.json";

export interface FieldError {
  /** Dotted path of the offending value ("" for the whole document), e.g. "item.consultPhone". */
  path: string;
  message: string;
}

export const PLATFORM_SCHEMAS = [
  codeLists, demoAccounts, department, fee, formDefinition, itemVersion, material, orgUnit, seedItem, serviceItem, templateManifest, workflow,
];

/** Builds an Ajv with draft-07 semantics, formats and the keywords our schemas carry for tooling. */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false });
  addFormats(ajv);
  ajv.addKeyword({ keyword: "x-ts-name", schemaType: "string" });
  return ajv;
}

const platformAjv = createAjv();
for (const schema of PLATFORM_SCHEMAS) platformAjv.addSchema(schema);

function compiled(id: string): ValidateFunction {
  const validate = platformAjv.getSchema(id);
  if (!validate) throw new Error(`schema ${id} is not registered`);
  return validate;
}

/** Ajv instance-path "/item/consultPhone" or "/shareholders/0/name" → "item.consultPhone" / "shareholders.0.name". */
export function pointerToPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
}

/** Chinese messages, one per offending value, with `required` reported on the missing property itself. */
export function toFieldErrors(errors: ErrorObject[] | null | undefined, titleOf?: (path: string) => string | undefined): FieldError[] {
  if (!errors?.length) return [];
  const copy = errors.map((e) => ({ ...e }));
  localizeZh(copy);
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const e of copy) {
    if (e.keyword === "if" || e.keyword === "oneOf" && copy.some((o) => o !== e && o.instancePath === e.instancePath)) continue;
    let path = pointerToPath(e.instancePath);
    let message = e.message ?? "格式不正确";
    if (e.keyword === "required") {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      path = path ? `${path}.${missing}` : missing;
      message = "此项为必填项";
    } else if (e.keyword === "additionalProperties") {
      message = `不允许的字段 ${(e.params as { additionalProperty: string }).additionalProperty}`;
    } else if (e.keyword === "pattern" || e.keyword === "format") {
      message = "格式不正确，请核对";
    }
    const title = titleOf?.(path);
    const full = title ? `${title}：${message}` : message;
    const key = `${path}|${full}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ path, message: full });
  }
  return result;
}

/** Validates a document against one of the platform schemas by its file name, e.g. "seed-item.schema.json". */
export function validateAgainst(schemaId: string, doc: unknown): FieldError[] {
  const validate = compiled(schemaId);
  return validate(doc) ? [] : toFieldErrors(validate.errors);
}

export const validateItemVersionDocument = (doc: unknown) => validateAgainst("item-version.schema.json", doc);
