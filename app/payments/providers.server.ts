import { createHmac, timingSafeEqual } from "node:crypto";
import { config } from "~/config.server";

/** A new order as the platform asks a provider to open it. The order id is ours, unique, unguessable. */
export interface OrderRequest {
  orderId: string;
  amountFen: number;
  /** What the payer sees on the cashier, e.g. "紫阳县政务服务缴费：不动产转移登记". */
  subject: string;
}

/** A provider's verified word on an order: paid or failed (a provider that stays silent leaves it pending). */
export interface PaymentNotice {
  orderId: string;
  outcome: "paid" | "failed";
  amountFen: number;
  paidAt: Date | null;
}

/**
 * An online payment provider, registered by name (mock by default, so the demo works offline). A real one
 * (UnionPay, WeChat Pay, the provincial non-tax payment platform) implements the same two steps.
 */
export interface PaymentProvider {
  name: string;
  /** Opens the order at the provider; returns where to send the payer's browser. */
  createOrder(order: OrderRequest): Promise<{ redirectUrl: string }>;
  /** Reads a callback delivered to /payments/callback/:name: the notice, or null when it is not authentic. */
  verifyCallback(body: string, headers: Headers): PaymentNotice | null;
}

export const MOCK_SIGNATURE_HEADER = "X-Mock-Signature";

/** The mock provider's shared secret (PAYMENT_MOCK_SECRET); the default serves development and tests only. */
export const mockSecret = () => config().payments?.mockSecret ?? "";

export const hmacHex = (secret: string, body: string) => createHmac("sha256", secret).update(body, "utf8").digest("hex");

function sameSignature(expected: string, given: string | null): boolean {
  if (!given || !/^[0-9a-f]{64}$/i.test(given)) return false;
  return timingSafeEqual(Buffer.from(expected, "hex"), Buffer.from(given.toLowerCase(), "hex"));
}

/**
 * A cashier inside this app (/pay/mock/:orderId) where the payer chooses the outcome; the cashier then posts a
 * signed JSON notice to /payments/callback/mock as a real provider would.
 */
export const mockProvider: PaymentProvider = {
  name: "mock",
  async createOrder(order) {
    return { redirectUrl: `/pay/mock/${encodeURIComponent(order.orderId)}` };
  },
  verifyCallback(body, headers) {
    if (!sameSignature(hmacHex(mockSecret(), body), headers.get(MOCK_SIGNATURE_HEADER))) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return null;
    }
    const p = parsed as Record<string, unknown>;
    if (typeof p.orderId !== "string" || (p.outcome !== "paid" && p.outcome !== "failed") || !Number.isSafeInteger(p.amountFen)) return null;
    const paidAt = typeof p.paidAt === "string" ? new Date(p.paidAt) : null;
    return { orderId: p.orderId, outcome: p.outcome, amountFen: p.amountFen as number, paidAt: paidAt && !Number.isNaN(paidAt.getTime()) ? paidAt : null };
  },
};

const providers = new Map<string, PaymentProvider>([[mockProvider.name, mockProvider]]);

export function registerPaymentProvider(provider: PaymentProvider): void {
  providers.set(provider.name, provider);
}

/** A registered provider; the mock cashier exists only in the demo (in production anyone could sign its notices). */
export function paymentProvider(name: string): PaymentProvider | null {
  if (name === mockProvider.name && config().mode !== "demo") return null;
  return providers.get(name) ?? null;
}

/** The provider named by PAYMENT_PROVIDER (the mock in the demo); null when online payment is off. */
export function activePaymentProvider(): PaymentProvider | null {
  const name = config().payments?.provider;
  if (!name) return null;
  const provider = paymentProvider(name);
  if (!provider) throw new Error(`未注册的支付渠道：${name}`);
  return provider;
}
