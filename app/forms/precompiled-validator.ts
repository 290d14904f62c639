import type { ErrorObject } from "ajv";
import { hashForSchema, ID_KEY, type RJSFSchema, type RJSFValidationError, type ValidationData, type ValidatorType } from "@rjsf/utils";
import type { DetailedFieldError } from "~/schemas/field-errors";
import { toErrorSchema } from "./error-schema";
import { fieldTitle } from "./field-title";

type Compiled = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

interface Loaded {
  fns: Record<string, Compiled>;
  root: string;
  describe: (errors: ErrorObject[] | null | undefined, titleOf: (path: string) => string | undefined) => DetailedFieldError[];
}

/** Shared by the renewed copies of one validator: what was loaded (null: nothing to load, or loading failed). */
interface Slot {
  loaded?: Loaded | null;
  loading?: Promise<void>;
}

/**
 * RJSF's ValidatorType over the form's precompiled validators (served by routes/forms/validator.ts), loaded on
 * demand: until then isValid answers false and validateFormData finds nothing, so callers load() before a submit
 * is validated (ApplicationForm does). Messages are the server's (schemas/field-errors.ts): the summary shows
 * "字段：问题", the field itself only the problem. `customValidate` is not supported (the app has none).
 * Without a URL, or when loading fails, only the server validates, which it always does anyway.
 */
export class PrecompiledFormValidator implements ValidatorType<unknown, RJSFSchema> {
  constructor(
    private readonly url: string | undefined,
    private readonly slot: Slot = url ? {} : { loaded: null },
  ) {}

  /** Loaded, or known not to be coming: a submit need not wait. */
  get settled(): boolean {
    return this.slot.loaded !== undefined;
  }

  load(): Promise<void> {
    if (!this.url) return Promise.resolve();
    this.slot.loading ??= Promise.all([import(/* @vite-ignore */ this.url), import("./validator-runtime")]).then(
      ([mod, runtime]) => {
        this.slot.loaded = { fns: mod.default(runtime.runtimeRequire), root: mod.root, describe: runtime.detailedFieldErrors };
      },
      (error: unknown) => {
        console.warn("表单校验程序加载失败，将由服务器校验", error);
        this.slot.loaded = null;
      },
    );
    return this.slot.loading;
  }

  /** A new object over the same loaded code, so RJSF recomputes what it resolved with the old one. */
  renewed(): PrecompiledFormValidator {
    return new PrecompiledFormValidator(this.url, this.slot);
  }

  private compiled(schema: RJSFSchema): Compiled | undefined {
    const key = (schema[ID_KEY] as string | undefined) || hashForSchema(schema);
    return this.slot.loaded?.fns[key];
  }

  isValid(schema: RJSFSchema, formData: unknown, _rootSchema?: RJSFSchema): boolean {
    return this.compiled(schema)?.(formData) ?? false;
  }

  rawValidation<Result = ErrorObject>(schema: RJSFSchema, formData?: unknown): { errors?: Result[]; validationError?: Error } {
    const fn = this.compiled(schema);
    if (!fn || fn(formData)) return {};
    return { errors: (fn.errors ?? undefined) as Result[] | undefined };
  }

  validateFormData(
    formData: unknown,
    schema: RJSFSchema,
    _customValidate?: unknown,
    transformErrors?: (errors: RJSFValidationError[], uiSchema?: never) => RJSFValidationError[],
  ): ValidationData<unknown> {
    const loaded = this.slot.loaded;
    const fn = loaded?.fns[loaded.root];
    if (!loaded || !fn || fn(formData)) return { errors: [], errorSchema: {} };
    let errors: RJSFValidationError[] = loaded.describe(fn.errors, (path) => fieldTitle(schema, path)).map((e) => ({
      name: e.keyword,
      property: e.path,
      message: e.short,
      stack: e.message,
    }));
    if (transformErrors) errors = transformErrors(errors);
    return { errors, errorSchema: toErrorSchema(errors.map((e) => ({ path: e.property ?? "", message: e.message ?? "" }))) };
  }
}

/** Schemas whose rendering asks the validator (conditional and alternative sub-schemas) need it loaded up front. */
export function validatorNeededToRender(schema: object): boolean {
  return /"(oneOf|anyOf|if|dependencies)":/.test(JSON.stringify(schema));
}
