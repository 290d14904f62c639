import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { InteractionError } from "~/interaction/errors.server";
import { departmentUnreadCases } from "~/interaction/messages.server";
import { ANSWERING_ROLES, answerQuestion, departmentOpenQuestions } from "~/interaction/questions.server";
import { requireDepartmentStaff } from "~/identity/session.server";
import { hasRole } from "~/identity/roles";

export const meta: MetaFunction = () => [{ title: "在线交流 - 审批工作台 - 紫阳县网上办事大厅" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireDepartmentStaff(request, ANSWERING_ROLES);
  const [questions, cases] = await Promise.all([departmentOpenQuestions(user), departmentUnreadCases(user)]);
  return { department: user.departmentName, reviewer: hasRole(user, "reviewer"), questions, cases };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireDepartmentStaff(request, ANSWERING_ROLES);
  const form = await request.formData();
  const questionId = Number(form.get("questionId"));
  const answer = String(form.get("answer") ?? "");
  if (form.get("intent") !== "answer") return data({ error: "不支持的操作", questionId, answer }, { status: 400 });
  try {
    await answerQuestion(user, questionId, answer);
  } catch (error) {
    if (error instanceof InteractionError) return data({ error: error.message, questionId, answer }, { status: error.status });
    throw error;
  }
  return redirect("/workbench/questions?answered=1");
}

export default function DepartmentQuestions() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  return (
    <>
      {d.reviewer && <p><Link to="/workbench">← 返回工作台</Link></p>}
      <h1>在线交流 · {d.department}</h1>
      {params.get("answered") && !result?.error && <div className="notice" role="status">答复已提交，已在办事指南中公开。</div>}
      <h2>待答复的咨询（<span data-testid="open-questions">{d.questions.length}</span>）</h2>
      {d.questions.length === 0 && <p className="muted">没有待答复的咨询。</p>}
      {d.questions.map((q) => {
        const failed = result?.error && result.questionId === q.id ? result : null;
        return (
          <section key={q.id} className="card" aria-labelledby={`q-${q.id}-heading`}>
            <h3 id={`q-${q.id}-heading`}>{q.itemName}</h3>
            <p style={{ whiteSpace: "pre-wrap" }}>{q.question}</p>
            <p className="muted">{q.asker} · {q.askedAt}</p>
            <Form method="post">
              <input type="hidden" name="questionId" value={q.id} />
              <label htmlFor={`answer-${q.id}`}>答复内容（2–2000 字，提交后公开显示）</label>
              <textarea
                id={`answer-${q.id}`}
                name="answer"
                maxLength={2000}
                defaultValue={failed?.answer ?? ""}
                aria-invalid={failed ? true : undefined}
                aria-describedby={failed ? `answer-${q.id}-error` : undefined}
              />
              {failed && <p id={`answer-${q.id}-error`} className="error" role="alert">{failed.error}</p>}
              <p><button type="submit" name="intent" value="answer" disabled={busy}>提交答复</button></p>
            </Form>
          </section>
        );
      })}
      {result?.error && !d.questions.some((q) => q.id === result.questionId) && <div className="error-summary" role="alert">{result.error}</div>}
      <h2>有未读留言的办件（<span data-testid="unread-cases">{d.cases.length}</span>）</h2>
      {d.cases.length === 0 ? (
        <p className="muted">没有未读留言。</p>
      ) : (
        <div style={{ overflowX: "auto" }}>
          <table className="data">
            <thead><tr><th>查询码</th><th>事项</th><th>申请人</th><th>状态</th><th>未读留言</th></tr></thead>
            <tbody>
              {d.cases.map((c) => (
                <tr key={c.id}>
                  <td>{d.reviewer ? <Link to={`/workbench/cases/${c.id}#messages`}>{c.shortNumber}</Link> : c.shortNumber}</td>
                  <td>{c.itemName}</td>
                  <td>{c.applicantName}（{c.applicantMobile}）</td>
                  <td className="state">{c.stateLabel}</td>
                  <td>{c.unread} 条</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
