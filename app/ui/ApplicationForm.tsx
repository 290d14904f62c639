import Form from "@rjsf/core";
import type { ErrorListProps, FieldProps, RJSFSchema, UiSchema, WidgetProps } from "@rjsf/utils";
import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode, type SyntheticEvent } from "react";
import { toErrorSchema } from "~/forms/error-schema";
import { PrecompiledFormValidator, validatorNeededToRender } from "~/forms/precompiled-validator";
import { presentedUiSchema, stepOf, stepTitles } from "~/forms/presentation";
import { CHINESE_BUTTONS } from "./rjsf-buttons";

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
            <a href={`#root_${(e.property ?? "").replace(/^\./, "").replace(/\./g, "_")}`}>{e.stack}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A designer "material upload" field: the file itself goes with the materials below the form. */
function MaterialNote({ label, id }: WidgetProps) {
  return <p id={id} className="muted">“{label}”请在下方“申请材料”中上传。</p>;
}

const WIDGETS = { material: MaterialNote };
// Address fields (省/市/县/镇 choices) load their code only on forms that have one.
const AddressField = lazy(() => import("./AddressField"));
const FIELDS = {
  hidden: () => null,
  address: (props: FieldProps) => (
    <Suspense fallback={<p className="muted">正在加载地址选项…</p>}>
      <AddressField {...props} />
    </Suspense>
  ),
};

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
  /**
   * The form's precompiled validators (`/forms/:versionId/validator.js`), loaded when the applicant starts on
   * the form. Without it only the server validates.
   */
  validatorUrl?: string;
  /** Prefix of the fields' ids ("root"), distinct when one page shows the form twice (the studio's previews). */
  idPrefix?: string;
}

/** RJSF renders the pinned version's form; the server validates the same schema again on submit. */
export function ApplicationForm({ schema, uiSchema, initialData, serverErrors, busy, submitLabel = "提交申请", beforeSubmit, onChange, onSubmit, validatorUrl, idPrefix = "root" }: ApplicationFormProps) {
  const [formData, setFormData] = useState(initialData);
  // Multi-step forms show one step at a time; the submit button and the uploads are on the last.
  const steps = stepTitles(uiSchema);
  const [step, setStep] = useState(0);
  const last = step >= steps.length - 1;
  const shownUi = presentedUiSchema(schema, uiSchema, formData, step);
  const extraErrors = useMemo(() => (serverErrors?.length ? toErrorSchema(serverErrors) : undefined), [serverErrors]);
  // Ajv stays off the page: the validators are generated per form on the server and fetched on first use.
  const [validator, setValidator] = useState(() => new PrecompiledFormValidator(validatorUrl));
  useEffect(() => {
    // Conditional schemas are resolved with the validator while rendering: load it now, then render again.
    if (validatorNeededToRender(schema)) validator.load().then(() => setValidator((v) => v.renewed()));
  }, []);
  // A submit before the validators arrived waits for them, then goes through RJSF's validation as usual.
  const holdSubmit = (event: SyntheticEvent) => {
    if (validator.settled) return;
    event.preventDefault();
    event.stopPropagation();
    const form = event.target as HTMLFormElement;
    validator.load().then(() => form.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true })));
  };
  return (
    <div onFocusCapture={() => void validator.load()} onSubmitCapture={holdSubmit}>
      <Form
        className="rjsf"
        schema={schema as RJSFSchema}
        uiSchema={{ ...(shownUi as UiSchema), "ui:submitButtonOptions": { norender: true } }}
        widgets={WIDGETS}
        fields={FIELDS}
        formData={formData}
        validator={validator}
        idPrefix={idPrefix}
        // A const (a 是/否 choice, a commitment checkbox) is something the applicant states, never a default.
        experimental_defaultFormStateBehavior={{ constAsDefaults: "never" }}
        noHtml5Validate
        showErrorList="top"
        extraErrors={extraErrors}
        templates={{ ErrorListTemplate: ErrorList, ButtonTemplates: CHINESE_BUTTONS }}
        onChange={(e) => {
          setFormData(e.formData as Record<string, unknown>);
          onChange?.(e.formData as Record<string, unknown>);
        }}
        onSubmit={(e) => onSubmit(e.formData as Record<string, unknown>)}
        // An error on another step takes the applicant there.
        onError={(errors) => setStep(stepOf(uiSchema, (errors[0]?.property ?? "").replace(/^\./, "").split(".")[0]))}
      >
        {steps.length > 0 && (
          <p className="actions" aria-live="polite">
            第 {step + 1} 步，共 {steps.length} 步：{steps[step]}
            {step > 0 && <button type="button" className="secondary" onClick={() => setStep(step - 1)}>上一步</button>}
            {!last && <button type="button" onClick={() => setStep(step + 1)}>下一步：{steps[step + 1]}</button>}
          </p>
        )}
        <div hidden={!last}>
          {beforeSubmit}
          <p>
            <button type="submit" disabled={busy}>{busy ? "正在提交…" : submitLabel}</button>
          </p>
        </div>
      </Form>
    </div>
  );
}
