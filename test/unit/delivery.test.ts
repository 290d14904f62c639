import { describe, expect, it } from "vitest";
import { deliveryAddressText, deliveryErrors, readDeliveryChoice } from "~/cases/delivery";

describe("delivery choice", () => {
  it("needs nothing for window pickup and a full address for courier delivery", () => {
    expect(deliveryErrors({ method: "window" }, false)).toEqual([]);
    expect(deliveryErrors({ method: "courier", recipient: "张三", phone: "13912345678", address: "紫阳县城关镇紫府路18号" }, false)).toEqual([
      { path: "delivery.method", message: "本事项不支持快递送达，请选择窗口领取" },
    ]);
    expect(deliveryErrors({ method: "courier", recipient: " ", phone: "123", address: "紫阳" }, true).map((e) => e.path)).toEqual([
      "delivery.recipient",
      "delivery.phone",
      "delivery.address",
    ]);
    const ok = { method: "courier" as const, recipient: "张三", phone: "13912345678", address: "紫阳县城关镇紫府路18号" };
    expect(deliveryErrors(ok, true)).toEqual([]);
    expect(deliveryAddressText(ok)).toBe("张三 13912345678 紫阳县城关镇紫府路18号");
    expect(deliveryAddressText({ method: "window" })).toBeNull();
  });

  it("reads the choice from form fields, defaulting to window pickup", () => {
    const form = new FormData();
    expect(readDeliveryChoice(form).method).toBe("window");
    form.set("delivery.method", "courier");
    form.set("delivery.address", "紫阳县");
    expect(readDeliveryChoice(form)).toMatchObject({ method: "courier", address: "紫阳县" });
  });
});
