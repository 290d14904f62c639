import type { ErrorObject } from "ajv";
import localizeZh from "ajv-i18n/localize/zh";

/**
 * Ajv errors → Chinese field errors. Shared by the server (authoritative validation) and the browser (the
 * precompiled form validators), so an applicant reads the same text before and after submitting. Imports no
 * Ajv code (the `ajv` import is types only).
 */
export interface FieldError {
  /** Dotted path of the offending value ("" for the whole document), e.g. "item.consultPhone". */
  path: string;
  message: string;
}

/** A field error with the message also without the field's title, for showing under the field itself. */
export interface DetailedFieldError extends FieldError {
  keyword: string;
  /** The message without the "title：" prefix. */
  short: string;
}

/** Ajv instance-path "/item/consultPhone" or "/shareholders/0/name" → "item.consultPhone" / "shareholders.0.name". */
export function pointerToPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
}

export function detailedFieldErrors(errors: ErrorObject[] | null | undefined, titleOf?: (path: string) => string | undefined): DetailedFieldError[] {
  if (!errors?.length) return [];
  const copy = errors.map((e) => ({ ...e }));
  localizeZh(copy);
  const seen = new Set<string>();
  const result: DetailedFieldError[] = [];
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
    result.push({ path, message: full, keyword: e.keyword, short: message });
  }
  return result;
}

/** Chinese messages, one per offending value, with `required` reported on the missing property itself. */
export function toFieldErrors(errors: ErrorObject[] | null | undefined, titleOf?: (path: string) => string | undefined): FieldError[] {
  return detailedFieldErrors(errors, titleOf).map(({ path, message }) => ({ path, message }));
}
