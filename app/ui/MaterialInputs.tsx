import { FILE_FIELD_PREFIX, LICENCE_FIELD_PREFIX, type MaterialInputView } from "~/materials/rules";
import { errorFor, fieldId, type UiFieldError } from "./ErrorSummary";

/** One file input per material; the parent collects them with `collectMaterialFiles` when submitting. */
export function MaterialInputs({ materials, errors, legend }: { materials: MaterialInputView[]; errors?: UiFieldError[]; legend: string }) {
  if (!materials.length) return null;
  return (
    <fieldset className="card" data-extra-fields>
      <legend>{legend}</legend>
      <p className="help">支持 PDF、JPG、PNG，单个文件不超过 10 MB。手机可直接拍照上传。</p>
      {materials.map((m) => {
        const path = `materials.${m.key}`;
        const id = fieldId(path);
        const error = errorFor(errors, path);
        return (
          <div key={m.key}>
            <label htmlFor={id}>
              {m.name}
              {m.required ? "（必传）" : "（可后补）"}
            </label>
            {m.notes && <div className="help" id={`${id}-help`}>{m.notes}</div>}
            <input
              id={id}
              type="file"
              name={`${FILE_FIELD_PREFIX}${m.key}`}
              accept="application/pdf,image/jpeg,image/png"
              aria-invalid={error ? true : undefined}
              aria-describedby={[m.notes ? `${id}-help` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
            />
            {m.licences.length > 0 && (
              <div>
                <label htmlFor={`${id}-licence`} style={{ fontWeight: "normal" }}>或使用我的电子证照（无需上传）</label>
                <select id={`${id}-licence`} name={`${LICENCE_FIELD_PREFIX}${m.key}`} defaultValue="">
                  <option value="">不使用</option>
                  {m.licences.map((l) => <option key={l.id} value={l.id}>{l.name}（{l.number}）</option>)}
                </select>
              </div>
            )}
            {error && <div className="error" id={`${id}-error`}>{error}</div>}
          </div>
        );
      })}
    </fieldset>
  );
}

/**
 * The fields rendered outside RJSF (material files, e-licence picks, delivery choice) — every input inside a
 * [data-extra-fields] container — appended to the submission's FormData.
 */
export function collectExtraFields(form: FormData): FormData {
  document.querySelectorAll<HTMLInputElement | HTMLSelectElement>("[data-extra-fields] input, [data-extra-fields] select").forEach((field) => {
    if (!field.name) return;
    if (field instanceof HTMLInputElement && field.type === "file") {
      const file = field.files?.[0];
      if (file) form.append(field.name, file);
    } else if (field instanceof HTMLInputElement && (field.type === "radio" || field.type === "checkbox")) {
      if (field.checked) form.append(field.name, field.value);
    } else if (field.value) {
      form.append(field.name, field.value);
    }
  });
  return form;
}
