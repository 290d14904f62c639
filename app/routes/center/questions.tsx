import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { InteractionError } from "~/interaction/errors.server";
import { hideQuestion, mergeQuestion, MODERATION_FILTERS, moderationList, type ModerationFilter } from "~/interaction/questions.server";
import { requireRole } from "~/identity/session.server";

export const meta: MetaFunction = () => [{ title: "咨询管理 - 政务服务中心 - 紫阳县网上办事大厅" }];

const parseFilter = (value: string | null): ModerationFilter => (value && value in MODERATION_FILTERS ? (value as ModerationFilter) : "open");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["center_admin"]);
  const filter = parseFilter(new URL(request.url).searchParams.get("show"));
  return { filter, filters: Object.entries(MODERATION_FILTERS), rows: await moderationList(user, filter) };
}

const DONE: Record<string, string> = { hide: "已隐藏该咨询", merge: "已合并该咨询" };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["center_admin"]);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const questionId = Number(form.get("questionId"));
  try {
    if (intent === "hide") await hideQuestion(user, questionId, form.get("reason"));
    else if (intent === "merge") await mergeQuestion(user, questionId, Number(form.get("targetId")));
    else return data({ error: "不支持的操作", questionId }, { status: 400 });
  } catch (error) {
    if (error instanceof InteractionError) return data({ error: error.message, questionId }, { status: error.status });
    throw error;
  }
  const back = new URL(request.url);
  back.searchParams.set("done", intent);
  return redirect(`${back.pathname}${back.search}`);
}

export default function CenterQuestions() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const done = DONE[params.get("done") ?? ""];
  return (
    <>
      <p><Link to="/center">← 返回政务服务中心</Link></p>
      <h1>咨询管理</h1>
      <nav aria-label="咨询分类" className="chips">
        {d.filters.map(([key, label]) => (
          <Link key={key} to={`/center/questions?show=${key}`} aria-current={key === d.filter ? "page" : undefined}>{label}</Link>
        ))}
      </nav>
      {result?.error && <div className="error-summary" role="alert">咨询 #{result.questionId}：{result.error}</div>}
      {done && !result?.error && <div className="notice" role="status">{done}</div>}
      {d.rows.length === 0 && <p className="muted">没有咨询。</p>}
      {d.rows.map((q) => (
        <section key={q.id} className="card" aria-labelledby={`mq-${q.id}-heading`}>
          <h2 id={`mq-${q.id}-heading`} style={{ fontSize: 17, marginTop: 0 }}>#{q.id} {q.itemName}</h2>
          <p className="muted">{q.department} · {q.asker} · {q.askedAt} · <span className="state">{q.statusLabel}{q.mergedIntoId ? `到 #${q.mergedIntoId}` : ""}</span></p>
          <p style={{ whiteSpace: "pre-wrap" }}><strong>问：</strong>{q.question}</p>
          {q.answer && <p style={{ whiteSpace: "pre-wrap" }}><strong>答：</strong>{q.answer}</p>}
          {q.hiddenReason && <p>隐藏原因：{q.hiddenReason}</p>}
          {q.status !== "hidden" && q.status !== "merged" && (
            <div className="actions">
              <Form method="post">
                <input type="hidden" name="questionId" value={q.id} />
                <label htmlFor={`hide-reason-${q.id}`}>隐藏理由</label>
                <input id={`hide-reason-${q.id}`} name="reason" type="text" maxLength={200} />
                <p><button type="submit" name="intent" value="hide" className="secondary" disabled={busy}>隐藏</button></p>
              </Form>
              {q.mergeTargets.length > 0 && (
                <Form method="post">
                  <input type="hidden" name="questionId" value={q.id} />
                  <label htmlFor={`merge-target-${q.id}`}>重复咨询，合并到</label>
                  <select id={`merge-target-${q.id}`} name="targetId" defaultValue="">
                    <option value="">请选择</option>
                    {q.mergeTargets.map((t) => <option key={t.id} value={t.id}>{t.label}</option>)}
                  </select>
                  <p><button type="submit" name="intent" value="merge" className="secondary" disabled={busy}>合并</button></p>
                </Form>
              )}
            </div>
          )}
        </section>
      ))}
    </>
  );
}
