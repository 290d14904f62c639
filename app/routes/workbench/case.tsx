import { idParam } from "~/routes/params";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { actOnCase, giveOpinion } from "~/cases/actions.server";
import { CaseActionError } from "~/cases/case-transaction.server";
import { reviewerCaseDetail } from "~/cases/queries.server";
import { requireDepartmentStaff } from "~/identity/session.server";
import { DocumentList, Timeline } from "~/ui/CaseParts";

export const meta: MetaFunction = () => [{ title: "办件审查 - 紫阳县网上办事大厅" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireDepartmentStaff(request, ["reviewer"]);
  try {
    return await reviewerCaseDetail(user, idParam(params.caseId));
  } catch (error) {
    if (error instanceof CaseActionError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireDepartmentStaff(request, ["reviewer"]);
  const caseId = idParam(params.caseId);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const reason = String(form.get("reason") ?? "");
  try {
    switch (intent) {
      case "accept":
        await actOnCase(user, caseId, { type: "accept" });
        break;
      case "refuse":
        await actOnCase(user, caseId, { type: "refuse", reason });
        break;
      case "supplement":
        await actOnCase(user, caseId, { type: "request_supplement", missing: reason.split(/\n/) });
        break;
      case "agree":
      case "disagree":
        await giveOpinion(user, { caseId, opinion: intent, reason });
        break;
      default:
        return data({ error: "不支持的操作" }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof CaseActionError) return data({ error: error.message }, { status: error.status });
    throw error;
  }
  // Post/redirect/get: a reload does not repeat the action, and the page shows the state after it.
  return redirect(`/workbench/cases/${caseId}?done=${intent}`);
}

const DONE_MESSAGES: Record<string, string> = {
  accept: "已受理，并联审查任务已分送各部门",
  refuse: "已作出不予受理决定",
  supplement: "已一次性告知补正",
  agree: "审查意见已提交",
  disagree: "审查意见已提交",
};

export default function ReviewCase() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const done = DONE_MESSAGES[useSearchParams()[0].get("done") ?? ""];
  return (
    <>
      <p><Link to="/workbench">← 返回工作台</Link></p>
      <h1>{d.itemName}</h1>
      {result?.error && <div className="error-summary" role="alert">{result.error}</div>}
      {done && !result?.error && <div className="notice" role="status">{done}</div>}
      <div className="card">
        <p>办件编号：{d.case.trackingNumber}</p>
        <p>申请人：{d.case.applicantName}（{d.case.applicantMobile}）　提交时间：{d.case.submittedAt}</p>
        <p>当前状态：<span className="state" data-testid="case-state">{d.case.stateLabel}</span>　承诺办结日期：{d.case.dueDate}</p>
        {d.myTask && <p>本部门任务：{d.myTask.task}，答复期限 {d.myTask.dueDate}{d.myTask.opinion ? `，已提交意见：${d.myTask.opinion}` : ""}</p>}
      </div>

      {d.canAccept && (
        <section className="card" aria-labelledby="accept-heading">
          <h2 id="accept-heading">受理</h2>
          <Form method="post">
            <p><button type="submit" name="intent" value="accept" disabled={busy}>受理</button></p>
          </Form>
          <Form method="post">
            <label htmlFor="refuse-reason">不予受理理由 / 需补正的材料（每行一项）</label>
            <textarea id="refuse-reason" name="reason" />
            <div className="actions">
              <button type="submit" name="intent" value="refuse" className="secondary" disabled={busy}>不予受理</button>
              <button type="submit" name="intent" value="supplement" className="secondary" disabled={busy}>一次性告知补正</button>
            </div>
          </Form>
        </section>
      )}

      {d.canGiveOpinion && (
        <section className="card" aria-labelledby="opinion-heading">
          <h2 id="opinion-heading">审查意见（{d.myTask?.task}）</h2>
          <Form method="post">
            <label htmlFor="opinion-reason">意见说明（不同意时必填）</label>
            <textarea id="opinion-reason" name="reason" />
            <div className="actions">
              <button type="submit" name="intent" value="agree" disabled={busy}>同意</button>
              <button type="submit" name="intent" value="disagree" className="secondary" disabled={busy}>不同意</button>
            </div>
          </Form>
        </section>
      )}

      <h2>申请表</h2>
      {d.sections.map((s) => (
        <section key={s.key} className={`card${s.mine ? " mine" : ""}`} aria-label={s.title}>
          <h3>{s.title}{s.mine ? "（本部门审查）" : "（只读）"}</h3>
          <table className="data">
            <tbody>
              {s.fields.map((f) => (
                <tr key={f.title}><th style={{ width: "30%" }}>{f.title}</th><td>{f.value}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}

      {d.tasks.length > 0 && (
        <>
          <h2>并联审查</h2>
          <table className="data">
            <thead><tr><th>部门</th><th>审查内容</th><th>期限</th><th>意见</th><th>说明</th></tr></thead>
            <tbody>
              {d.tasks.map((t) => (
                <tr key={t.id}><td>{t.department}</td><td>{t.task}</td><td>{t.dueDate}</td><td>{t.opinion ?? "审查中"}</td><td>{t.comment ?? ""}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>文书</h2>
      <DocumentList documents={d.documents} />
      <h2>办理过程</h2>
      <Timeline events={d.events} />
    </>
  );
}
