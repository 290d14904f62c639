import { hmacHex, MOCK_SIGNATURE_HEADER, mockSecret } from "./providers.server";
import { config } from "~/config.server";

export type MockChoice = "paid" | "failed" | "timeout";

/** The signed notice the mock provider posts for an order, exactly as the callback route will verify it. */
export function mockNotice(orderId: string, outcome: "paid" | "failed", amountFen: number, at: Date, secret = mockSecret()) {
  const body = JSON.stringify({ orderId, outcome, amountFen, paidAt: outcome === "paid" ? at.toISOString() : null });
  return { body, headers: { "Content-Type": "application/json", [MOCK_SIGNATURE_HEADER]: hmacHex(secret, body) } };
}

/**
 * The mock provider's server calling back: a real HTTP POST to this app's /payments/callback/mock, at
 * PAYMENT_CALLBACK_BASE_URL, else HALL_URL, else (demo only) the origin the cashier page was served from. "timeout" posts nothing,
 * as a payer who walks away leaves the provider silent. False when the notice was not accepted.
 */
export async function deliverMockCallback(origin: string, orderId: string, choice: MockChoice, amountFen: number, at: Date): Promise<boolean> {
  if (choice === "timeout") return true;
  const base = config().payments?.callbackBaseUrl ?? origin;
  const { body, headers } = mockNotice(orderId, choice, amountFen, at);
  try {
    const response = await fetch(new URL("/payments/callback/mock", base), { method: "POST", body, headers, signal: AbortSignal.timeout(10_000) });
    return response.ok;
  } catch (error) {
    console.error(`[支付] 模拟支付回调失败 ${orderId}:`, error);
    return false;
  }
}
