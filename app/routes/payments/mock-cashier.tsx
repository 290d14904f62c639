import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { now } from "~/clock.server";
import { requireUser } from "~/identity/session.server";
import { formatFen, isExpired } from "~/payments/fees";
import { deliverMockCallback, type MockChoice } from "~/payments/mock-cashier.server";
import { orderForPayer, paymentTimeoutMinutes } from "~/payments/service.server";

export const meta: MetaFunction = () => [{ title: "模拟支付平台（演示） - 紫阳县网上办事大厅" }];

/** The mock provider's cashier: only for the payer's own pending orders of the mock provider. */
async function orderOr404(request: Request, orderId: string | undefined) {
  const user = await requireUser(request);
  const payment = await orderForPayer(user, orderId ?? "", "mock");
  if (!payment) throw new Response("订单不存在", { status: 404 });
  return payment;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const payment = await orderOr404(request, params.orderId);
  const open = payment.status === "pending" && !isExpired(payment.createdAt, now(), paymentTimeoutMinutes());
  return {
    orderId: payment.providerOrderId,
    caseId: payment.caseId,
    amountText: formatFen(payment.amountFen),
    items: payment.feeItems.map((f) => f.name),
    open,
  };
}

const CHOICES: readonly MockChoice[] = ["paid", "failed", "timeout"];

export async function action({ request, params }: ActionFunctionArgs) {
  const payment = await orderOr404(request, params.orderId);
  const choice = String((await request.formData()).get("choice") ?? "") as MockChoice;
  if (!CHOICES.includes(choice)) throw new Response("不支持的操作", { status: 400 });
  const at = now();
  // A closed order (decided, or past its time limit) takes no payment, as a real cashier refuses it.
  if (payment.status === "pending" && !isExpired(payment.createdAt, at, paymentTimeoutMinutes())) {
    await deliverMockCallback(new URL(request.url).origin, payment.providerOrderId, choice, payment.amountFen, at);
  }
  return redirect(`/my/cases/${payment.caseId}/pay`);
}

export default function MockCashier() {
  const o = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>模拟支付平台</h1>
      <p className="muted">演示用支付渠道：不会真实扣款。请选择支付结果。</p>
      <div className="card">
        <p>订单号：{o.orderId}</p>
        <p>收费项目：{o.items.join("、")}</p>
        <p>支付金额：<strong>{o.amountText}</strong></p>
      </div>
      {o.open ? (
        <Form method="post" className="actions">
          <button type="submit" name="choice" value="paid" disabled={busy}>支付成功</button>
          <button type="submit" name="choice" value="failed" className="secondary" disabled={busy}>支付失败</button>
          <button type="submit" name="choice" value="timeout" className="secondary" disabled={busy}>超时未支付</button>
        </Form>
      ) : (
        <p>该订单已关闭。<Link to={`/my/cases/${o.caseId}/pay`}>返回缴费页面</Link></p>
      )}
    </>
  );
}
