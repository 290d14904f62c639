import { printableFields } from "~/forms/display";
import { FILE_FIELD_PREFIX, LICENCE_FIELD_PREFIX, type MaterialInputView } from "~/materials/rules";

/** 核对页: everything about to be submitted, read-only, before the applicant confirms. */
export function CheckPanel(props: {
  schema: { properties?: Record<string, Record<string, unknown>> };
  formData: Record<string, unknown>;
  body: FormData;
  materials: MaterialInputView[];
  busy: boolean;
  /** How a material without an upload was received (the window's 已收纸质件). */
  receivedLabel?: (materialKey: string) => string | undefined;
  confirmLabel?: string;
  onBack: () => void;
  onConfirm: () => void;
}) {
  const files = new Map<string, string>();
  for (const [name, value] of props.body.entries()) {
    if (name.startsWith(FILE_FIELD_PREFIX) && typeof value !== "string") files.set(name.slice(FILE_FIELD_PREFIX.length), value.name);
    if (name.startsWith(LICENCE_FIELD_PREFIX)) files.set(name.slice(LICENCE_FIELD_PREFIX.length), "使用电子证照");
  }
  const courier = props.body.get("delivery.method") === "courier";
  return (
    <section className="card" aria-labelledby="check-heading">
      <h2 id="check-heading">请核对申请内容</h2>
      <table className="data">
        <tbody>
          {printableFields(props.schema, props.formData).map((f) => (
            <tr key={f.title}><th style={{ width: "35%" }}>{f.title}</th><td>{f.value}</td></tr>
          ))}
        </tbody>
      </table>
      {props.materials.length > 0 && (
        <>
          <h3>申请材料</h3>
          <ul>
            {props.materials.map((m) => (
              <li key={m.key}>
                {m.name}：{files.get(m.key) ?? props.receivedLabel?.(m.key) ?? (m.required ? "未上传" : "未上传（可后补）")}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>领取方式：{courier ? `快递送达（${props.body.get("delivery.recipient")} ${props.body.get("delivery.address")}）` : "到窗口领取"}</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={props.onBack} disabled={props.busy}>返回修改</button>
        <button type="button" onClick={props.onConfirm} disabled={props.busy}>{props.busy ? "正在提交…" : (props.confirmLabel ?? "确认提交")}</button>
      </div>
    </section>
  );
}
