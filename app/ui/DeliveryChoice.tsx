import { useState } from "react";
import { errorFor, fieldId, type UiFieldError } from "./ErrorSummary";

/** 领取方式: window pickup, or courier delivery with an address (证照快递), when the item offers it. */
export function DeliveryChoice({ errors }: { errors?: UiFieldError[] }) {
  const [method, setMethod] = useState<"window" | "courier">("window");
  const field = (name: string, label: string, type = "text", autoComplete?: string) => {
    const path = `delivery.${name}`;
    const error = errorFor(errors, path);
    return (
      <div>
        <label htmlFor={fieldId(path)}>{label}</label>
        <input id={fieldId(path)} name={path} type={type} autoComplete={autoComplete} aria-invalid={error ? true : undefined} aria-describedby={error ? `${fieldId(path)}-error` : undefined} />
        {error && <div className="error" id={`${fieldId(path)}-error`}>{error}</div>}
      </div>
    );
  };
  return (
    <fieldset className="card" data-extra-fields>
      <legend>领取方式</legend>
      {(["window", "courier"] as const).map((value) => (
        <label key={value} style={{ display: "flex", gap: 8, alignItems: "center", minHeight: 44, fontWeight: "normal" }}>
          <input type="radio" name="delivery.method" value={value} checked={method === value} onChange={() => setMethod(value)} />
          {value === "window" ? "到窗口领取" : "快递送达（邮寄费用由政府承担）"}
        </label>
      ))}
      {method === "courier" && (
        <>
          {field("recipient", "收件人", "text", "name")}
          {field("phone", "收件人手机号码", "tel", "tel")}
          {field("address", "收件地址", "text", "street-address")}
        </>
      )}
    </fieldset>
  );
}
