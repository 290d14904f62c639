import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CaseActionError } from "~/cases/case-transaction.server";
import { now } from "~/clock.server";
import { requireUser } from "~/identity/session.server";
import { paymentPage, startPayment } from "~/payments/service.server";
import { idParam } from "~/routes/params";

export const meta: MetaFunction = () => [{ title: "网上缴费 - 紫阳县网上办事大厅" }];

/** Only the applicant pays; for anyone else the case does not exist (404), as on the case page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    return await paymentPage(user, idParam(params.caseId), now());
  } catch (error) {
    if (error instanceof CaseActionError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const caseId = idParam(params.caseId);
  const form = await request.formData();
  if (form.get("intent") !== "pay") return data({ error: "不支持的操作" }, { status: 400 });
  try {
    const { redirectUrl } = await startPayment(user, caseId, now());
    return redirect(redirectUrl);
  } catch (error) {
    if (error instanceof CaseActionError) {
      if (error.status === 404) throw new Response(error.message, { status: 404 });
      return data({ error: error.message }, { status: error.status });
    }
    throw error;
  }
}

export default function Pay() {
  const p = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { stage } = p.summary;
  return (
    <>
      <p><Link to={`/my/cases/${p.caseId}`}>← 返回办件详情</Link></p>
      <h1>网上缴费</h1>
      {result?.error && <div className="error-summary" role="alert">{result.error}</div>}
      {stage === "paid" && (
        <div className="notice" role="status" data-testid="payment-status">
          缴费成功：已缴 <strong>{p.summary.amountText}</strong>，支付时间 {p.summary.paidAt}。
        </div>
      )}
      {(stage === "failed" || stage === "timed_out") && (
        <div className="error-summary" role="alert" data-testid="payment-status">{p.summary.label}</div>
      )}
      {stage === "pending" && (
        <div className="notice" role="status" data-testid="payment-status">
          <p>支付结果确认中。如已在支付页面完成支付，请稍候查询；超过时限未支付的订单将自动关闭。</p>
          <div className="actions">
            {p.resumeUrl && <Link className="button" to={p.resumeUrl}>继续支付</Link>}
            <Form method="get"><button type="submit" className="secondary">查询支付结果</button></Form>
          </div>
        </div>
      )}
      <div className="card">
        <p>事项：{p.itemName}</p>
        <p>办件编号：{p.trackingNumber}</p>
        {p.orderId && <p className="muted">支付订单号：{p.orderId}</p>}
      </div>
      {p.lines.length > 0 && (
        <table className="data">
          <caption className="visually-hidden">收费项目</caption>
          <thead><tr><th scope="col">收费项目</th><th scope="col">收费标准</th><th scope="col">金额</th></tr></thead>
          <tbody>
            {p.lines.map((l) => (
              <tr key={l.name}><td>{l.name}</td><td>{l.standard}<br /><span className="muted">依据：{l.basis}</span></td><td>{l.amountText}</td></tr>
            ))}
          </tbody>
          <tfoot><tr><th scope="row" colSpan={2}>合计</th><td data-testid="payment-total"><strong>{p.totalText}</strong></td></tr></tfoot>
        </table>
      )}
      {p.closedReason === null && stage !== "pending" ? (
        <Form method="post" className="actions">
          <p>应缴金额 <strong>{p.totalText}</strong>，确认后将跳转到支付页面。</p>
          <button type="submit" name="intent" value="pay" disabled={busy}>确认支付</button>
        </Form>
      ) : (
        stage !== "paid" && p.closedReason && <p className="muted">{p.closedReason}</p>
      )}
    </>
  );
}
