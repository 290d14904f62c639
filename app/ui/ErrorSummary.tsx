export interface UiFieldError {
  path: string;
  message: string;
}

/** The list of problems at the top of a form; each links to its field (id = field path). */
export function ErrorSummary({ errors }: { errors: UiFieldError[] | undefined }) {
  if (!errors?.length) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>提交未成功，请修改以下内容：</h2>
      <ul>
        {errors.map((e) => (
          <li key={`${e.path}|${e.message}`}>{e.path ? <a href={`#${fieldId(e.path)}`}>{e.message}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  );
}

export function fieldId(path: string): string {
  return `field-${path.replace(/\./g, "-")}`;
}

export function errorFor(errors: UiFieldError[] | undefined, path: string): string | undefined {
  return errors?.find((e) => e.path === path)?.message;
}

/** A labelled text input with its error message, for plain (non-RJSF) forms. */
export function TextField(props: {
  name: string;
  label: string;
  type?: string;
  errors?: UiFieldError[];
  defaultValue?: string;
  autoComplete?: string;
  help?: string;
  required?: boolean;
}) {
  const id = fieldId(props.name);
  const error = errorFor(props.errors, props.name);
  return (
    <div>
      <label htmlFor={id}>{props.label}</label>
      {props.help && <div className="help" id={`${id}-help`}>{props.help}</div>}
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={props.defaultValue}
        autoComplete={props.autoComplete}
        required={props.required}
        aria-invalid={error ? true : undefined}
        aria-describedby={[props.help ? `${id}-help` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
      />
      {error && <div className="error" id={`${id}-error`}>{error}</div>}
    </div>
  );
}
