import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { getFirstMatchingOption, type RJSFSchema } from "@rjsf/utils";
import { describe, expect, it } from "vitest";
import { PrecompiledFormValidator } from "~/forms/precompiled-validator";
import { validateSubmission } from "~/forms/form-schema.server";
import { validatorModuleSource } from "~/forms/validator-code.server";
import type { FormJsonSchema } from "~/schemas/types.generated";

const seed = JSON.parse(fs.readFileSync(path.resolve("seeds/items/01-enterprise-opening.json"), "utf8"));
const enterpriseForm = seed.version.form.schema as FormJsonSchema;

/** Writes the served module to a file and loads it the way the browser does: a dynamic import of its URL. */
async function loadedValidator(schema: FormJsonSchema) {
  fs.mkdirSync(path.resolve("test-results"), { recursive: true });
  const dir = fs.mkdtempSync(path.resolve("test-results", "form-validator-"));
  const file = path.join(dir, "validator.mjs");
  fs.writeFileSync(file, validatorModuleSource(schema));
  const validator = new PrecompiledFormValidator(pathToFileURL(file).href);
  expect(validator.settled).toBe(false);
  await validator.load();
  expect(validator.settled).toBe(true);
  return validator;
}

describe("precompiled form validators (the browser's copy of the server's validation)", () => {
  it("reports the same Chinese messages as the server for the same data", async () => {
    const validator = await loadedValidator(enterpriseForm);
    const data = {
      companyName: "紫阳",
      mobile: "12345",
      legalRepresentative: { name: "张三", idCard: "61092419900315123", mobile: "13912345678" },
      shareholders: [{ name: "张", idType: "护照", idNumber: "E1234567", subscribedCapital: 0, contributionForm: "货币", contributionDate: "2026-02-30" }],
      sealTypes: ["企业公章", "企业公章"],
    };
    const server = validateSubmission(-1, enterpriseForm, data);
    const { errors, errorSchema } = validator.validateFormData(data, enterpriseForm as never);
    expect(server.length).toBeGreaterThan(5);
    expect(errors.map((e) => ({ path: e.property, message: e.stack }))).toEqual(server);
    expect(errors.find((e) => e.property === "mobile")).toMatchObject({ name: "pattern", stack: "经办人手机号码：格式不正确，请核对", message: "格式不正确，请核对" });
    expect(errors.find((e) => e.property === "sealCompany")?.stack).toBe("印章刻制企业：此项为必填项");
    expect(errors.some((e) => e.property === "shareholders.0.contributionDate" && e.name === "format")).toBe(true);
    expect((errorSchema as Record<string, { __errors?: string[] }>).mobile.__errors).toEqual(["格式不正确，请核对"]);
  });

  it("accepts valid data, and answers isValid for sub-schemas RJSF asks about", async () => {
    const schema = {
      type: "object",
      required: ["kind"],
      properties: {
        kind: { type: "string", title: "类型", enum: ["个人", "单位"] },
        holder: { title: "持有人", oneOf: [{ type: "object", title: "个人", required: ["idCard"], properties: { idCard: { type: "string", pattern: "^[0-9]{17}[0-9X]$" } } }, { type: "object", title: "单位", required: ["creditCode"], properties: { creditCode: { type: "string", minLength: 18, maxLength: 18 } } }] },
      },
    } as unknown as FormJsonSchema;
    const validator = await loadedValidator(schema);
    expect(validator.validateFormData({ kind: "个人" }, schema as never).errors).toEqual([]);
    // RJSF picks the oneOf option with the validator, asking about sub-schemas as it rewrites them.
    const options = (schema as unknown as { properties: { holder: { oneOf: RJSFSchema[] } } }).properties.holder.oneOf;
    expect(getFirstMatchingOption(validator, { idCard: "61092419900315123X" }, options, schema as RJSFSchema)).toBe(0);
    expect(getFirstMatchingOption(validator, { creditCode: "91610924MA70000001" }, options, schema as RJSFSchema)).toBe(1);
    expect(validator.validateFormData({ kind: "其他" }, schema as never).errors.map((e) => e.stack)).toEqual(
      validateSubmission(-2, schema, { kind: "其他" }).map((e) => e.message),
    );
  });

  it("finds nothing until loaded and when there is nothing to load (the server still validates)", async () => {
    const pending = new PrecompiledFormValidator("/forms/1/validator.js");
    expect(pending.validateFormData({}, enterpriseForm as never).errors).toEqual([]);
    expect(pending.isValid(enterpriseForm as never, {}, enterpriseForm as never)).toBe(false);
    expect(new PrecompiledFormValidator(undefined).settled).toBe(true);
  });
});
