import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole } from "~/identity/session.server";
import { idParam } from "~/routes/params";
import { draftReview, publishDraft, returnDraft, StudioError } from "~/studio/drafts.server";
import { DRAFT_STATUS_LABELS } from "~/studio/models.server";
import { ErrorSummary } from "~/ui/ErrorSummary";

export const meta: MetaFunction = () => [{ title: "事项发布审核 - 紫阳县网上办事大厅" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["center_admin"]);
  try {
    const { draft, changes, department } = await draftReview(user, idParam(params.draftId));
    return { id: draft.id, name: draft.document.item.name, status: DRAFT_STATUS_LABELS[draft.status], submitted: draft.status === "submitted", department, changes };
  } catch (error) {
    if (error instanceof StudioError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["center_admin"]);
  const draftId = idParam(params.draftId);
  const form = await request.formData();
  try {
    if (form.get("intent") === "publish") {
      await publishDraft(user, draftId);
      return redirect("/center/publications?published=1");
    }
    await returnDraft(user, draftId, String(form.get("comment") ?? ""));
    return redirect("/center/publications?returned=1");
  } catch (error) {
    if (error instanceof StudioError) return data({ errors: [{ path: "comment", message: error.message }] }, { status: error.status });
    throw error;
  }
}

const KIND_LABELS = { added: "新增", removed: "删除", changed: "修改" } as const;

export default function Publication() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <p><Link to="/center/publications">← 事项发布审核</Link></p>
      <h1>{d.name}</h1>
      <p>{d.department} · {d.status}</p>
      <ErrorSummary errors={result?.errors} />
      <h2>与已发布版本的差异（{d.changes.length} 处）</h2>
      <div className="table-scroll">
        <table className="data" data-testid="changes">
          <thead><tr><th>内容</th><th>项目</th><th>变化</th><th>原内容</th><th>新内容</th></tr></thead>
          <tbody>
            {d.changes.map((c, i) => (
              <tr key={i}>
                <td>{c.area}</td>
                <td>{c.label}</td>
                <td>{KIND_LABELS[c.kind]}</td>
                <td>{c.before}</td>
                <td>{c.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.submitted && (
        <>
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <button type="submit" disabled={busy}>发布</button>
          </Form>
          <Form method="post" className="card">
            <input type="hidden" name="intent" value="return" />
            <label htmlFor="comment">退回意见</label>
            <textarea id="comment" name="comment" rows={3} maxLength={1000} />
            <p><button type="submit" className="secondary" disabled={busy}>退回修改</button></p>
          </Form>
        </>
      )}
    </>
  );
}
