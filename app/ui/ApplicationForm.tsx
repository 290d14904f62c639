import Form from "@rjsf/core";
import type { ErrorListProps, RJSFSchema, UiSchema } from "@rjsf/utils";
import { customizeValidator } from "@rjsf/validator-ajv8";
import localizeZh from "ajv-i18n/localize/zh";
import { useMemo, useState, type ReactNode } from "react";
import { toErrorSchema } from "~/forms/error-schema";
import { fieldTitle } from "~/forms/field-title";
import { CHINESE_BUTTONS } from "./rjsf-buttons";

const withColon = (title: string | undefined) => (title ? `${title}：` : "");

const validator = customizeValidator({}, localizeZh);

/**
 * Client-side errors in Chinese at the top of the form, each linking to its field. The server's errors (merged
 * in through extraErrors, which carry no validator `name`) are listed by the page's ErrorSummary already;
 * listing them here again would show them twice, under raw paths such as ".materials.identity_proofs".
 */
function ErrorList({ errors }: ErrorListProps) {
  const own = errors.filter((e) => e.name);
  if (!own.length) return null;
  return (
    <div className="error-summary" role="alert">
      <h2>提交未成功，请修改以下内容：</h2>
      <ul>
        {own.map((e, i) => (
          <li key={i}>
            <a href={`#root${(e.property ?? "").replace(/\./g, "_")}`}>{e.stack}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface ApplicationFormProps {
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  initialData: Record<string, unknown>;
  serverErrors?: Array<{ path: string; message: string }>;
  busy: boolean;
  submitLabel?: string;
  /** Rendered inside the form just above the submit button (the material uploads). */
  beforeSubmit?: ReactNode;
  /** Called with the data after every change (autosave). */
  onChange?: (data: Record<string, unknown>) => void;
  onSubmit: (data: Record<string, unknown>) => void;
}

/** RJSF renders the pinned version's form; the server validates the same schema again on submit. */
export function ApplicationForm({ schema, uiSchema, initialData, serverErrors, busy, submitLabel = "提交申请", beforeSubmit, onChange, onSubmit }: ApplicationFormProps) {
  const [formData, setFormData] = useState(initialData);
  const extraErrors = useMemo(() => (serverErrors?.length ? toErrorSchema(serverErrors) : undefined), [serverErrors]);
  return (
    <Form
      className="rjsf"
      schema={schema as RJSFSchema}
      uiSchema={{ ...(uiSchema as UiSchema), "ui:submitButtonOptions": { norender: true } }}
      formData={formData}
      validator={validator}
      noHtml5Validate
      showErrorList="top"
      extraErrors={extraErrors}
      templates={{ ErrorListTemplate: ErrorList, ButtonTemplates: CHINESE_BUTTONS }}
      transformErrors={(errors) =>
        errors.map((e) => {
          const message = e.name === "pattern" || e.name === "format" ? "格式不正确，请核对" : e.message;
          return { ...e, message, stack: `${e.property ? withColon(fieldTitle(schema, e.property)) : ""}${message ?? ""}` };
        })
      }
      onChange={(e) => {
        setFormData(e.formData as Record<string, unknown>);
        onChange?.(e.formData as Record<string, unknown>);
      }}
      onSubmit={(e) => onSubmit(e.formData as Record<string, unknown>)}
    >
      {beforeSubmit}
      <p>
        <button type="submit" disabled={busy}>{busy ? "正在提交…" : submitLabel}</button>
      </p>
    </Form>
  );
}
