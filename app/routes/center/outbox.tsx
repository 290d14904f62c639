import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { chinaDateTime } from "~/calendar/china-time";
import { maskMobile } from "~/identity/id-card";
import { requireRole } from "~/identity/session.server";
import { smsText, type SmsTemplate } from "~/notify/outbox.server";
import { deadLetters, retryDeadLetter } from "~/notify/worker.server";

export const meta: MetaFunction = () => [{ title: "发送失败的短信 - 紫阳县网上办事大厅" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["center_admin"]);
  const letters = await deadLetters();
  return {
    letters: letters.map((m) => ({
      id: m.id,
      recipient: maskMobile(m.recipient),
      text: smsText(m.template as SmsTemplate, m.payload),
      attempts: m.attempts,
      error: m.lastError ?? "",
      createdAt: chinaDateTime(m.createdAt),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, ["center_admin"]);
  const id = Number((await request.formData()).get("id"));
  const retried = Number.isSafeInteger(id) && (await retryDeadLetter(id));
  return redirect(`/center/outbox?${retried ? "retried" : "missing"}=${id}`);
}

export default function Outbox() {
  const { letters } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <p><Link to="/center">← 政务服务中心</Link></p>
      <h1>发送失败的短信</h1>
      {params.get("retried") && <div className="notice" role="status">已重新排队发送</div>}
      {params.get("missing") && <div className="error-summary" role="alert">该短信已不在失败列表中</div>}
      {letters.length === 0 ? (
        <p className="muted">没有发送失败的短信。</p>
      ) : (
        <table className="data">
          <thead><tr><th>接收号码</th><th>内容</th><th>尝试次数</th><th>最后错误</th><th>时间</th><th>操作</th></tr></thead>
          <tbody>
            {letters.map((l) => (
              <tr key={l.id}>
                <td>{l.recipient}</td><td>{l.text}</td><td>{l.attempts}</td><td>{l.error}</td><td>{l.createdAt}</td>
                <td>
                  <Form method="post">
                    <input type="hidden" name="id" value={l.id} />
                    <button type="submit" className="secondary" disabled={busy}>重新发送</button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
