import { Form } from "@remix-run/react";
import { useState } from "react";
import { BAD_REASONS, COMMENT_MAX, RATING_LEVELS, SCORE_LABELS, SUB_RATINGS, isBadLevel } from "~/evaluation/labels";
import { ErrorSummary, errorFor, fieldId, type UiFieldError } from "./ErrorSummary";

const OPTION_STYLE = { display: "flex", gap: 8, alignItems: "center", minHeight: 44, fontWeight: "normal", margin: 0 } as const;
const RADIO_STYLE = { width: 22, height: 22 } as const;

/** One radio group as a fieldset; the first radio carries the field id so the error summary links to it. */
function RadioGroup(props: {
  name: string;
  legend: string;
  options: ReadonlyArray<{ value: string | number; label: string }>;
  defaultValue?: string;
  errors?: UiFieldError[];
  inline?: boolean;
  onChange?: (value: string) => void;
}) {
  const id = fieldId(props.name);
  const error = errorFor(props.errors, props.name);
  return (
    <fieldset style={{ border: 0, padding: 0, margin: "12px 0" }} aria-describedby={error ? `${id}-error` : undefined}>
      <legend style={{ fontWeight: 600 }}>{props.legend}</legend>
      {error && <div className="error" id={`${id}-error`}>{error}</div>}
      <div className={props.inline ? "actions" : undefined} style={props.inline ? { gap: 16 } : undefined}>
        {props.options.map((o, index) => (
          <label key={o.value} style={OPTION_STYLE}>
            <input
              type="radio"
              style={RADIO_STYLE}
              id={index === 0 ? id : `${id}-${o.value}`}
              name={props.name}
              value={o.value}
              defaultChecked={props.defaultValue === String(o.value)}
              onChange={(e) => props.onChange?.(e.currentTarget.value)}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * 好差评 form on the applicant's completed case. The 差评 reason fields appear when 不满意 or 非常不满意 is
 * chosen; the server checks the same rules (and re-renders with the choice kept when JavaScript is off).
 */
export function RatingForm({ errors, values, online, busy }: { errors?: UiFieldError[]; values?: Record<string, string>; online: boolean; busy: boolean }) {
  const [level, setLevel] = useState(values?.level ?? "");
  const bad = level !== "" && isBadLevel(Number(level));
  const reasonError = errorFor(errors, "reason");
  const commentError = errorFor(errors, "comment");
  const categoryError = errorFor(errors, "reasonCategory");
  const scores = Object.entries(SCORE_LABELS)
    .map(([value, label]) => ({ value, label }))
    .reverse();
  return (
    <section className="card" aria-labelledby="rating-heading">
      <h2 id="rating-heading">评价本次服务</h2>
      <p className="muted">一事一评：每件办件只能评价一次，提交后不能修改。“不满意”“非常不满意”为差评，需说明原因，承办部门将在 5 个工作日内回访整改。</p>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="rate" />
        <RadioGroup name="level" legend="总体评价" options={RATING_LEVELS} defaultValue={values?.level} errors={errors} onChange={setLevel} />
        {SUB_RATINGS.map((s) => (
          <RadioGroup
            key={s.key}
            name={s.key}
            legend={`${s.label}${online ? "" : "（选填）"}`}
            options={scores}
            defaultValue={values?.[s.key]}
            errors={errors}
            inline
          />
        ))}
        {bad && (
          <div>
            <label htmlFor={fieldId("reasonCategory")}>差评原因类别（必填）</label>
            <select
              id={fieldId("reasonCategory")}
              name="reasonCategory"
              defaultValue={values?.reasonCategory ?? ""}
              required
              aria-invalid={categoryError ? true : undefined}
              aria-describedby={categoryError ? `${fieldId("reasonCategory")}-error` : undefined}
            >
              <option value="">请选择</option>
              {Object.entries(BAD_REASONS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
            </select>
            {categoryError && <div className="error" id={`${fieldId("reasonCategory")}-error`}>{categoryError}</div>}
            <label htmlFor={fieldId("reason")}>具体原因（必填，{COMMENT_MAX} 字以内）</label>
            <textarea
              id={fieldId("reason")}
              name="reason"
              maxLength={COMMENT_MAX}
              defaultValue={values?.reason}
              required
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `${fieldId("reason")}-error` : undefined}
            />
            {reasonError && <div className="error" id={`${fieldId("reason")}-error`}>{reasonError}</div>}
          </div>
        )}
        <label htmlFor={fieldId("comment")}>评价内容（选填，{COMMENT_MAX} 字以内）</label>
        <textarea
          id={fieldId("comment")}
          name="comment"
          maxLength={COMMENT_MAX}
          defaultValue={values?.comment}
          aria-invalid={commentError ? true : undefined}
          aria-describedby={commentError ? `${fieldId("comment")}-error` : undefined}
        />
        {commentError && <div className="error" id={`${fieldId("comment")}-error`}>{commentError}</div>}
        <p><button type="submit" disabled={busy}>提交评价</button></p>
      </Form>
    </section>
  );
}
