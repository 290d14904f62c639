import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { auditEntries } from "~/center/audit.server";
import { departmentList } from "~/center/departments.server";
import { resetStaffPassword, setStaffActive, STAFF_ROLE_LABELS, staffList, updateStaff } from "~/center/staff.server";
import { requireRole } from "~/identity/session.server";
import { chinaDateTime } from "~/calendar/china-time";
import { ErrorSummary } from "~/ui/ErrorSummary";
import { StaffFields } from "~/ui/StaffFields";
import { isRefused, refusalErrors } from "~/ui/refused";
import { runAction } from "~/ui/user-error.server";

export const meta: MetaFunction = () => [{ title: "工作人员账号 - 政务服务中心" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["center_admin"]);
  const username = params.username ?? "";
  const account = (await staffList({ q: username })).find((s) => s.username === username);
  if (!account) throw new Response("工作人员账号不存在", { status: 404 });
  const [departments, history] = await Promise.all([departmentList(), auditEntries({ entity: "user", entityKey: username, limit: 50 })]);
  return {
    account,
    departments: departments.map((d) => ({ code: d.code, name: d.name })),
    roleLabels: STAFF_ROLE_LABELS,
    history: history.map((h) => ({ ...h, at: chinaDateTime(new Date(h.at)) })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["center_admin"]);
  const username = params.username ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  return runAction(async () => {
    if (intent === "reset") return data({ reset: await resetStaffPassword(user, username) });
    if (intent === "disable" || intent === "enable") await setStaffActive(user, username, intent === "enable");
    else if (intent === "update") {
      await updateStaff(user, username, { name: form.get("name"), mobile: form.get("mobile"), email: form.get("email"), department: form.get("department"), roles: form.getAll("roles").map(String) });
    } else throw new Response("未知操作", { status: 400 });
    return redirect(`/center/staff/${encodeURIComponent(username)}?done=${intent}`);
  });
}

const DONE: Record<string, string> = { update: "已保存修改。", disable: "已停用，该账号的登录已全部退出。", enable: "已启用。" };

export default function StaffAccountPage() {
  const { account, departments, roleLabels, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const refused = isRefused(result) ? result : null;
  const reset = result && "reset" in result ? result.reset : null;
  const [params] = useSearchParams();
  const done = DONE[params.get("done") ?? ""];
  return (
    <>
      <p><Link to="/center/staff">← 工作人员账号</Link></p>
      <h1>{account.name}（{account.username}）</h1>
      <p>{account.departmentName ?? "无所属部门"} · {account.roleLabels.join("、")} · {account.active ? "在用" : "已停用"}</p>
      {done && !refused && !reset && <p className="notice" role="status">{done}</p>}
      {reset && (
        <div className="notice" role="status">
          <p>已重置密码，该账号的登录已全部退出。临时密码：<strong data-testid="temporary-password">{reset.password}</strong></p>
          <p>临时密码只显示这一次，请当面或电话告知本人；下次登录须修改密码。</p>
        </div>
      )}
      <ErrorSummary errors={refusalErrors(refused)} />
      <section className="card" aria-labelledby="edit-staff">
        <h2 id="edit-staff">修改</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="update" />
          <StaffFields departments={departments} roleLabels={roleLabels} errors={refused?.errors} values={account} />
          <p><button type="submit">保存修改</button></p>
        </Form>
      </section>
      <section className="card" aria-labelledby="staff-actions">
        <h2 id="staff-actions">账号操作</h2>
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value={account.active ? "disable" : "enable"} />
          <button type="submit">{account.active ? "停用账号" : "启用账号"}</button>
        </Form>
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="reset" />
          <button type="submit" className="secondary">重置密码</button>
        </Form>
      </section>
      <table className="data">
        <caption>操作记录</caption>
        <thead><tr><th>时间</th><th>操作人</th><th>操作</th><th>内容</th></tr></thead>
        <tbody>{history.map((h) => <tr key={h.id}><td>{h.at}</td><td>{h.actor}</td><td>{h.action}</td><td>{h.detail ?? ""}</td></tr>)}</tbody>
      </table>
    </>
  );
}
