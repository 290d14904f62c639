/**
 * What a case owes, as a pure function of its pinned guide and its form data. Amounts are kept in fen (integer)
 * from here on: the guide states them in yuan, and floating-point yuan never reach the payments table.
 */
import type { Fee, ServiceItem } from "~/schemas/types.generated";

export interface FeeLine {
  name: string;
  standard: string;
  basis: string;
  amountFen: number;
}

export interface FeeBill {
  lines: FeeLine[];
  totalFen: number;
}

export const yuanToFen = (yuan: number): number => Math.round(yuan * 100);

/** "80.00 元": two decimals always, as receipts show money. */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")} 元`;
}

/** A fee with a condition applies only when the named form field holds one of the listed values. */
export function feeApplies(fee: Fee, formData: Record<string, unknown>): boolean {
  if (!fee.appliesWhen) return true;
  const value = formData[fee.appliesWhen.field];
  return typeof value === "string" && fee.appliesWhen.values.includes(value);
}

/**
 * The fee items a case is charged: every fee of a charged item whose condition its application meets.
 * Alternatives such as 住宅 / 非住宅 登记费 are told apart by their conditions, so one of them applies.
 */
export function billFor(guide: Pick<ServiceItem, "charged" | "fees">, formData: Record<string, unknown>): FeeBill {
  if (!guide.charged) return { lines: [], totalFen: 0 };
  const lines = (guide.fees ?? [])
    .filter((fee) => feeApplies(fee, formData))
    .map((fee) => ({ name: fee.name, standard: fee.standard, basis: fee.basis, amountFen: yuanToFen(fee.amount) }))
    .filter((line) => line.amountFen > 0);
  return { lines, totalFen: lines.reduce((sum, line) => sum + line.amountFen, 0) };
}

export const PAYMENT_STATUSES = ["pending", "paid", "failed", "timed_out"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  pending: "支付结果确认中",
  paid: "缴费成功",
  failed: "缴费失败（可重新缴费）",
  timed_out: "支付超时（可重新缴费）",
};

/** Case states in which the fee is no longer owed: nothing was accepted, or the applicant withdrew. */
export const UNPAYABLE_CASE_STATES: readonly string[] = ["not_accepted", "withdrawn"];

/** A started payment with no callback for `minutes` counts as timed out. */
export const isExpired = (createdAt: Date, now: Date, minutes: number): boolean => now.getTime() - createdAt.getTime() >= minutes * 60_000;
