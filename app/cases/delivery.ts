import type { DeliveryMethod } from "./lifecycle";

export interface DeliveryChoice {
  method: DeliveryMethod;
  recipient?: string;
  phone?: string;
  address?: string;
}

/** Checks the applicant's delivery choice; courier needs a recipient, a mobile number and an address. */
export function deliveryErrors(choice: DeliveryChoice, courierAllowed: boolean): Array<{ path: string; message: string }> {
  if (choice.method === "window") return [];
  if (!courierAllowed) return [{ path: "delivery.method", message: "本事项不支持快递送达，请选择窗口领取" }];
  const errors: Array<{ path: string; message: string }> = [];
  if (!choice.recipient?.trim() || choice.recipient.trim().length > 30) errors.push({ path: "delivery.recipient", message: "请填写收件人姓名" });
  if (!/^1[3-9]\d{9}$/.test(choice.phone?.trim() ?? "")) errors.push({ path: "delivery.phone", message: "请填写收件人的 11 位手机号码" });
  if ((choice.address?.trim().length ?? 0) < 6 || (choice.address?.length ?? 0) > 200) errors.push({ path: "delivery.address", message: "请填写详细的收件地址（6–200 字）" });
  return errors;
}

export function deliveryAddressText(choice: DeliveryChoice): string | null {
  return choice.method === "courier" ? `${choice.recipient!.trim()} ${choice.phone!.trim()} ${choice.address!.trim()}` : null;
}

/** Reads the choice from the application form's fields (delivery.method, delivery.recipient, …). */
export function readDeliveryChoice(form: FormData): DeliveryChoice {
  const text = (name: string) => String(form.get(`delivery.${name}`) ?? "");
  return { method: text("method") === "courier" ? "courier" : "window", recipient: text("recipient"), phone: text("phone"), address: text("address") };
}
