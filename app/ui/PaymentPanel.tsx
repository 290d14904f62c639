import { Link } from "@remix-run/react";

export interface PaymentPanelProps {
  caseId: number;
  payment: { stage: string; label: string; amountText: string; due: boolean; paidAt: string | null } | null;
}

/** The fee line of the applicant's case page: what is owed or paid, and 去缴费 while it can be paid online. */
export function PaymentPanel({ caseId, payment }: PaymentPanelProps) {
  if (!payment) return null;
  const paid = payment.stage === "paid";
  return (
    <p data-testid="payment-state">
      缴费情况：{paid ? `已缴费 ${payment.amountText}（${payment.paidAt}）` : `待缴费 ${payment.amountText}`}
      {!paid && payment.stage !== "none" && <span className="muted">（{payment.label}）</span>}
      {payment.due && (
        <>
          {" "}
          <Link className="button" to={`/my/cases/${caseId}/pay`}>{payment.stage === "pending" ? "查看缴费" : "去缴费"}</Link>
        </>
      )}
    </p>
  );
}
