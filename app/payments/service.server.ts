import { randomBytes } from "node:crypto";
import { Op, UniqueConstraintError, type Transaction } from "sequelize";
import { chinaDateTime } from "~/calendar/china-time";
import { loadVersion } from "~/catalog/service.server";
import { now as clockNow } from "~/clock.server";
import { CaseActionError, withCaseTransaction } from "~/cases/case-transaction.server";
import { recordEvent } from "~/cases/events.server";
import { Case } from "~/cases/models.server";
import type { CurrentUser } from "~/identity/session.server";
import { billFor, formatFen, PAYMENT_STATUS_LABELS, UNPAYABLE_CASE_STATES, type FeeBill, type PaymentStatus } from "./fees";
import { Payment } from "./models.server";
import { activePaymentProvider, paymentProvider } from "./providers.server";
import { config } from "~/config.server";

/** Minutes a started payment may stay without a callback before it counts as timed out (PAYMENT_TIMEOUT_MINUTES). */
export function paymentTimeoutMinutes(): number {
  const minutes = config().payments?.timeoutMinutes ?? 15;
  return Number.isFinite(minutes) && minutes > 0 ? minutes : 15;
}

interface CaseBill {
  kase: Case;
  itemName: string;
  bill: FeeBill;
  onlinePayment: boolean;
}

async function billOf(kase: Case): Promise<CaseBill> {
  const version = await loadVersion(kase.itemVersionId);
  if (!version) throw new CaseActionError("办件所依据的事项版本不存在", 500);
  const guide = version.version.guide;
  return { kase, itemName: version.item.name, bill: billFor(guide, kase.formData), onlinePayment: Boolean(guide.onlinePayment) };
}

/** The applicant's own case; anyone else gets the same 404 as for a case that does not exist. */
async function applicantBill(user: CurrentUser, caseId: number): Promise<CaseBill> {
  const kase = await Case.findOne({ where: { id: caseId, applicantId: user.id } });
  if (!kase) throw new CaseActionError("办件不存在", 404);
  return billOf(kase);
}

/**
 * Pending attempts past the time limit become timed_out. Run lazily, whenever a case's payment is looked at,
 * so no scheduler is needed and a test controls the clock through `now`.
 */
export async function expireStalePayments(caseId: number, now: Date, transaction?: Transaction): Promise<number> {
  const cutoff = new Date(now.getTime() - paymentTimeoutMinutes() * 60_000);
  const [count] = await Payment.update(
    { status: "timed_out", activeCaseId: null },
    { where: { caseId, status: "pending", createdAt: { [Op.lte]: cutoff } }, transaction },
  );
  return count;
}

const latestAttempt = (caseId: number, transaction?: Transaction) => Payment.findOne({ where: { caseId }, order: [["id", "DESC"]], transaction });

/** Why this case cannot be paid online now, or null when it can. */
function closedReason(cb: CaseBill, latest: Payment | null): string | null {
  if (cb.bill.totalFen <= 0) return "本办件无需缴费";
  if (latest?.status === "paid") return "本办件已缴费";
  if (UNPAYABLE_CASE_STATES.includes(cb.kase.state)) return "办件已撤回或不予受理，无需缴费";
  if (!cb.onlinePayment) return "本事项不支持网上缴费，请到办理窗口缴费";
  return null;
}

export type PaymentStage = "none" | PaymentStatus;

export interface PaymentSummary {
  stage: PaymentStage;
  label: string;
  amountText: string;
  /** Unpaid and payable online now: the page offers 去缴费. */
  due: boolean;
  paidAt: string | null;
}

function summarize(cb: CaseBill, latest: Payment | null): PaymentSummary {
  const stage: PaymentStage = latest?.status ?? "none";
  return {
    stage,
    label: stage === "none" ? "待缴费" : PAYMENT_STATUS_LABELS[stage],
    amountText: formatFen(latest?.status === "paid" ? latest.amountFen : cb.bill.totalFen),
    due: closedReason(cb, latest) === null,
    paidAt: latest?.paidAt ? chinaDateTime(latest.paidAt) : null,
  };
}

/** The payment state shown on the applicant's case page; null when the case owes nothing. */
export async function applicantPaymentSummary(user: CurrentUser, caseId: number, now: Date = clockNow()): Promise<PaymentSummary | null> {
  const cb = await applicantBill(user, caseId);
  if (cb.bill.totalFen <= 0) return null;
  await expireStalePayments(caseId, now);
  return summarize(cb, await latestAttempt(caseId));
}

/** 已缴费 / 未缴费 for the reviewer's case page (the caller has checked the reviewer may see the case); null when free. */
export async function staffPaymentLabel(caseId: number): Promise<string | null> {
  const kase = await Case.findByPk(caseId);
  if (!kase) return null;
  const cb = await billOf(kase);
  if (cb.bill.totalFen <= 0) return null;
  const paid = await Payment.findOne({ where: { caseId, status: "paid" } });
  return paid ? `已缴费 ${formatFen(paid.amountFen)}（${chinaDateTime(paid.paidAt ?? paid.updatedAt)}）` : `未缴费（应缴 ${formatFen(cb.bill.totalFen)}）`;
}

/** Everything the pay page shows. */
export async function paymentPage(user: CurrentUser, caseId: number, now: Date) {
  const cb = await applicantBill(user, caseId);
  await expireStalePayments(caseId, now);
  const latest = await latestAttempt(caseId);
  return {
    caseId,
    itemName: cb.itemName,
    trackingNumber: cb.kase.trackingNumber,
    lines: cb.bill.lines.map((l) => ({ ...l, amountText: formatFen(l.amountFen) })),
    totalText: formatFen(cb.bill.totalFen),
    summary: summarize(cb, latest),
    closedReason: closedReason(cb, latest),
    /** A pending attempt's cashier, to go back to it instead of opening a second order. */
    resumeUrl: latest?.status === "pending" ? latest.payUrl : null,
    orderId: latest?.providerOrderId ?? null,
  };
}

const newOrderId = () => `ZYP${randomBytes(12).toString("hex").toUpperCase()}`;

/**
 * Starts (or resumes) paying a case: where to send the payer. A pending attempt within the time limit is
 * resumed, so a double click opens one order; after failed or timed_out a new attempt is opened.
 */
export async function startPayment(user: CurrentUser, caseId: number, now: Date): Promise<{ redirectUrl: string }> {
  const cb = await applicantBill(user, caseId);
  const provider = activePaymentProvider();
  if (!provider) throw new CaseActionError("本大厅暂未开通网上缴费，请到政务服务中心窗口缴纳", 409);
  const opened = await withCaseTransaction(caseId, async (kase, t) => {
    await expireStalePayments(caseId, now, t);
    const latest = await latestAttempt(caseId, t);
    const reason = closedReason({ ...cb, kase }, latest);
    if (reason) throw new CaseActionError(reason, 409);
    const active = await Payment.findOne({ where: { activeCaseId: caseId }, transaction: t });
    if (active) return { payment: active, created: false };
    const payment = await Payment.create(
      {
        caseId,
        activeCaseId: caseId,
        amountFen: cb.bill.totalFen,
        feeItems: cb.bill.lines,
        provider: provider.name,
        providerOrderId: newOrderId(),
        payUrl: null,
        status: "pending",
        paidAt: null,
        createdAt: now,
        updatedAt: now,
      },
      { transaction: t, silent: true },
    );
    return { payment, created: true };
  }).catch(async (error: unknown) => {
    // Another start for this case committed first: the unique active key kept it to one open attempt.
    if (error instanceof UniqueConstraintError) {
      const active = await Payment.findOne({ where: { activeCaseId: caseId } });
      if (active) return { payment: active, created: false };
    }
    throw error;
  });
  const { payment } = opened;
  if (payment.status === "paid") throw new CaseActionError("本办件已缴费", 409);
  if (payment.payUrl) return { redirectUrl: payment.payUrl };
  try {
    const { redirectUrl } = await (paymentProvider(payment.provider) ?? provider).createOrder({
      orderId: payment.providerOrderId,
      amountFen: payment.amountFen,
      subject: `紫阳县政务服务缴费：${cb.itemName}`,
    });
    await Payment.update({ payUrl: redirectUrl }, { where: { id: payment.id } });
    return { redirectUrl };
  } catch (error) {
    await Payment.update({ status: "failed", activeCaseId: null }, { where: { id: payment.id, status: "pending" } });
    console.error(`[支付] 创建订单失败 ${payment.providerOrderId}:`, error);
    throw new CaseActionError("支付渠道暂时不可用，请稍后重新缴费", 503);
  }
}

/** A payment order as the mock cashier shows it; null unless it belongs to this applicant's case. */
export async function orderForPayer(user: CurrentUser, orderId: string, provider: string) {
  const payment = await Payment.findOne({ where: { providerOrderId: orderId, provider } });
  if (!payment) return null;
  const kase = await Case.findOne({ where: { id: payment.caseId, applicantId: user.id }, attributes: ["id"] });
  return kase ? payment : null;
}

export interface CallbackAnswer {
  status: number;
  body: string;
}

/**
 * A provider's callback. Authentic notices move a pending attempt to paid or failed, with the paid one on the
 * case's timeline, under the case row's lock; anything already decided stays as it is and is still answered
 * 200, so redelivery (which providers do until they get 200) and late or out-of-order notices change nothing.
 */
export async function handlePaymentCallback(providerName: string, body: string, headers: Headers, now: Date): Promise<CallbackAnswer> {
  const provider = paymentProvider(providerName);
  if (!provider) return { status: 404, body: "unknown provider" };
  const notice = provider.verifyCallback(body, headers);
  if (!notice) return { status: 400, body: "bad signature" };
  const payment = await Payment.findOne({ where: { providerOrderId: notice.orderId, provider: provider.name } });
  if (!payment) return { status: 404, body: "unknown order" };
  if (notice.outcome === "paid" && notice.amountFen !== payment.amountFen) {
    console.error(`[支付] 回调金额不符 ${notice.orderId}: ${notice.amountFen} ≠ ${payment.amountFen}`);
    return { status: 400, body: "amount mismatch" };
  }
  const changed = await withCaseTransaction(payment.caseId, async (kase, t) => {
    const changes =
      notice.outcome === "paid" ? { status: "paid" as const, paidAt: notice.paidAt ?? now } : { status: "failed" as const, activeCaseId: null };
    const [affected] = await Payment.update(changes, { where: { id: payment.id, status: "pending" }, transaction: t });
    if (affected === 1 && notice.outcome === "paid") {
      await recordEvent(t, {
        caseId: kase.id,
        type: "payment",
        actor: null,
        fromState: kase.state,
        toState: kase.state,
        note: `网上缴费成功：${formatFen(payment.amountFen)}（支付订单号 ${payment.providerOrderId}）`,
      });
    }
    return affected === 1;
  });
  if (!changed && notice.outcome === "paid") {
    const current = await Payment.findByPk(payment.id, { attributes: ["status"] });
    // Money taken for an attempt already closed here (timed out or failed) must be refunded by hand.
    if (current?.status !== "paid") console.warn(`[支付] 订单 ${payment.providerOrderId} 已${current?.status}，收到支付成功通知：请核实并退款`);
  }
  return { status: 200, body: "success" };
}
