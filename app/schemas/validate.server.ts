import Ajv, { type Options, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
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
import staffAccount from "../../schemas/staff-account.schema.json";
import templateManifest from "../../schemas/template-manifest.schema.json";
import workflow from "../../schemas/workflow.schema.json";
import { toFieldErrors, type FieldError } from "./field-errors";

export { pointerToPath, toFieldErrors, type FieldError } from "./field-errors";

export const PLATFORM_SCHEMAS = [
  codeLists, demoAccounts, department, fee, formDefinition, itemVersion, material, orgUnit, seedItem, serviceItem, staffAccount, templateManifest, workflow,
];

/** Builds an Ajv with draft-07 semantics, formats and the keywords our schemas carry for tooling. */
export function createAjv(extra: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false, ...extra });
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

/** Validates a document against one of the platform schemas by its file name, e.g. "seed-item.schema.json". */
export function validateAgainst(schemaId: string, doc: unknown): FieldError[] {
  const validate = compiled(schemaId);
  return validate(doc) ? [] : toFieldErrors(validate.errors);
}

export const validateItemVersionDocument = (doc: unknown) => validateAgainst("item-version.schema.json", doc);
