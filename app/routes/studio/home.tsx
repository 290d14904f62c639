import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { departmentItems } from "~/catalog/service.server";
import { requireDepartmentStaff } from "~/identity/session.server";
import { departmentDrafts, openItemDraft, startNewItem, StudioError, withdrawItem } from "~/studio/drafts.server";
import { DRAFT_STATUS_LABELS } from "~/studio/models.server";
import { ErrorSummary } from "~/ui/ErrorSummary";

export const meta: MetaFunction = () => [{ title: "事项配置 - 紫阳县网上办事大厅" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireDepartmentStaff(request, ["dept_admin"]);
  const [items, drafts] = await Promise.all([departmentItems(user.departmentId), departmentDrafts(user)]);
  return { department: user.departmentName, items, drafts: drafts.map((d) => ({ ...d, statusLabel: DRAFT_STATUS_LABELS[d.status] })) };
}

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireDepartmentStaff(request, ["dept_admin"]);
  const form = await request.formData();
  try {
    switch (text(form, "intent")) {
      case "edit":
        return redirect(`/studio/drafts/${(await openItemDraft(user, Number(text(form, "itemId")))).id}`);
      case "new":
        return redirect(`/studio/drafts/${(await startNewItem(user, { name: text(form, "name"), baseCode: text(form, "baseCode").trim(), copyFrom: Number(text(form, "copyFrom")) })).id}?tab=item`);
      case "withdraw":
        await withdrawItem(user, Number(text(form, "itemId")), text(form, "reason"));
        return redirect("/studio?withdrawn=1");
      default:
        throw new Response("请求无效", { status: 400 });
    }
  } catch (error) {
    if (error instanceof StudioError) return data({ errors: [{ path: "", message: error.message }] }, { status: error.status });
    throw error;
  }
}

export default function Studio() {
  const { department, items, drafts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>事项配置 · {department}</h1>
      {params.get("submitted") && <div className="notice" role="status">已提交政务服务中心审核发布。</div>}
      {params.get("withdrawn") && <div className="notice" role="status">事项已停止办理，在办件继续办理。</div>}
      <ErrorSummary errors={result?.errors} />
      {drafts.length > 0 && (
        <section aria-labelledby="drafts-heading">
          <h2 id="drafts-heading">正在编辑的草稿</h2>
          <ul>
            {drafts.map((d) => (
              <li key={d.id}>
                <Link to={`/studio/drafts/${d.id}`}>{d.name}</Link>（{d.statusLabel}）{d.comment ? `中心意见：${d.comment}` : ""}
              </li>
            ))}
          </ul>
        </section>
      )}
      <h2>本部门事项</h2>
      <div className="table-scroll">
        <table className="data">
          <thead><tr><th>事项名称</th><th>实施编码</th><th>已发布版本</th><th>发布时间</th><th>操作</th></tr></thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td><Link to={`/items/${i.id}`}>{i.name}</Link></td>
                <td>{i.implementationCode}</td>
                <td>{i.version ? `第 ${i.version} 版` : "已停止办理"}</td>
                <td>{i.publishedAt ?? ""}</td>
                <td>
                  {i.version && (
                    <Form method="post">
                      <input type="hidden" name="intent" value="edit" />
                      <input type="hidden" name="itemId" value={i.id} />
                      <button type="submit" className="secondary" disabled={busy} aria-label={`编辑${i.name}`}>编辑</button>
                    </Form>
                  )}
                  {i.version && (
                    <details>
                      <summary>停止办理</summary>
                      <Form method="post">
                        <input type="hidden" name="intent" value="withdraw" />
                        <input type="hidden" name="itemId" value={i.id} />
                        <label htmlFor={`reason-${i.id}`}>停止办理原因</label>
                        <input id={`reason-${i.id}`} name="reason" required maxLength={500} />
                        <button type="submit" className="secondary" disabled={busy}>确认停止办理</button>
                      </Form>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="card" aria-labelledby="new-heading">
        <h2 id="new-heading">新建事项</h2>
        <p className="muted">以本部门一个已发布事项为模板（复制办事指南、材料、文书和流程），申请表从一个字段开始设计。</p>
        <Form method="post">
          <input type="hidden" name="intent" value="new" />
          <label htmlFor="new-name">事项名称</label>
          <input id="new-name" name="name" required maxLength={100} />
          <label htmlFor="new-base">基本编码（12 位数字）</label>
          <input id="new-base" name="baseCode" required inputMode="numeric" pattern="\d{12}" />
          <label htmlFor="new-copy">模板事项</label>
          <select id="new-copy" name="copyFrom">
            {items.filter((i) => i.version).map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
          </select>
          <p><button type="submit" disabled={busy}>创建草稿</button></p>
        </Form>
      </section>
    </>
  );
}
