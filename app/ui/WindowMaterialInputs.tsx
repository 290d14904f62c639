import { FILE_FIELD_PREFIX } from "~/materials/rules";
import { PAPER_FIELD_PREFIX, type WindowMaterialView } from "~/window/materials";
import { errorFor, fieldId, type UiFieldError } from "./ErrorSummary";

/** 收件 at the window: per material, a scan (file input) and/or a tick for the paper copy received. */
export function WindowMaterialInputs({ materials, errors }: { materials: WindowMaterialView[]; errors?: UiFieldError[] }) {
  if (!materials.length) return null;
  return (
    <fieldset className="card" data-extra-fields>
      <legend>收取申请材料</legend>
      <p className="help">必要材料须扫描上传或收取纸质件；扫描件支持 PDF、JPG、PNG，单个文件不超过 10 MB。</p>
      {materials.map((m) => {
        const path = `materials.${m.key}`;
        const id = fieldId(path);
        const error = errorFor(errors, path);
        const described = [m.notes ? `${id}-help` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
        return (
          <div key={m.key} style={{ marginBottom: 12 }}>
            <div style={{ fontWeight: "bold" }}>
              {m.name}
              {m.required ? "（必要）" : "（非必要或容缺后补）"}
            </div>
            {m.notes && <div className="help" id={`${id}-help`}>{m.notes}</div>}
            {m.scannable && (
              <div>
                <label htmlFor={id} style={{ fontWeight: "normal" }}>扫描件</label>
                <input id={id} type="file" name={`${FILE_FIELD_PREFIX}${m.key}`} accept="application/pdf,image/jpeg,image/png" aria-invalid={error ? true : undefined} aria-describedby={described} />
              </div>
            )}
            <label style={{ display: "flex", gap: 8, alignItems: "center", minHeight: 44, fontWeight: "normal" }}>
              <input
                id={m.scannable ? undefined : id}
                type="checkbox"
                name={`${PAPER_FIELD_PREFIX}${m.key}`}
                value="1"
                aria-invalid={error && !m.scannable ? true : undefined}
                aria-describedby={m.scannable ? undefined : described}
              />
              已收纸质件{m.paperCopies > 0 ? `（${m.paperCopies} 份）` : ""}
            </label>
            {error && <div className="error" id={`${id}-error`}>{error}</div>}
          </div>
        );
      })}
    </fieldset>
  );
}
