import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { trackCase } from "~/cases/tracking.server";
import { clientOf } from "~/routes/params";
import { TextField } from "~/ui/ErrorSummary";
import type { PageHandle } from "~/ui/static-page";

export const meta: MetaFunction = () => [{ title: "办件查询 - 紫阳县网上办事大厅" }];
// A POST form whose answer the action renders: server-rendered HTML is the whole page (issue #4, item 8).
export const handle: PageHandle = { hydrate: false };

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const tracking = String(form.get("tracking") ?? "");
  const mobile = String(form.get("mobile") ?? "");
  return { ...(await trackCase({ tracking, mobile, client: clientOf(request) })), tracking, mobile };
}

export default function Track() {
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="card" style={{ maxWidth: 640 }}>
      <h1>办件进度查询</h1>
      <p className="muted">无需登录。请输入办件编号或回执上的查询码，以及申请时留的手机号码。登录后可在“我的办件”查看全部详情。</p>
      <Form method="post" noValidate>
        <TextField name="tracking" label="办件编号或查询码" defaultValue={answer?.tracking} help="例如 1000-20261127-0001" />
        <TextField name="mobile" label="手机号码" type="tel" defaultValue={answer?.mobile} />
        <p><button type="submit" disabled={busy}>查询</button></p>
      </Form>
      {answer?.error && <div className="error-summary" role="alert">{answer.error}</div>}
      {answer?.result && (
        <section aria-labelledby="result-heading" className="notice" role="status">
          <h2 id="result-heading">{answer.result.itemName}</h2>
          <p>当前状态：<strong data-testid="track-state">{answer.result.state}</strong></p>
          <p>提交日期：{answer.result.submittedOn}　承诺办结日期：{answer.result.dueDate}</p>
          <ol>{answer.result.steps.map((s, i) => <li key={i}>{s.at} {s.state}</li>)}</ol>
          <p><Link to="/login">登录查看文书和详情</Link></p>
        </section>
      )}
    </div>
  );
}
