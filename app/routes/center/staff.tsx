import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { departmentList } from "~/center/departments.server";
import { createStaff, STAFF_ROLE_LABELS, staffList } from "~/center/staff.server";
import { requireRole } from "~/identity/session.server";
import { ErrorSummary, TextField } from "~/ui/ErrorSummary";
import { StaffFields } from "~/ui/StaffFields";
import { isRefused, refusalErrors } from "~/ui/refused";
import { runAction } from "~/ui/user-error.server";

export const meta: MetaFunction = () => [{ title: "工作人员账号 - 政务服务中心" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["center_admin"]);
  const params = new URL(request.url).searchParams;
  const department = params.get("department") ?? "";
  const q = params.get("q") ?? "";
  const [staff, departments] = await Promise.all([staffList({ department: department || undefined, q: q || undefined }), departmentList()]);
  return { staff, departments: departments.map((d) => ({ code: d.code, name: d.name })), roleLabels: STAFF_ROLE_LABELS, department, q };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["center_admin"]);
  const form = await request.formData();
  const raw = {
    username: form.get("username"),
    name: form.get("name"),
    mobile: form.get("mobile"),
    email: form.get("email"),
    department: form.get("department"),
    roles: form.getAll("roles").map(String),
  };
  return runAction(async () => data({ created: await createStaff(user, raw) }));
}

export default function StaffPage() {
  const { staff, departments, roleLabels, department, q } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const refused = isRefused(result) ? result : null;
  const created = result && "created" in result ? result.created : null;
  const [params] = useSearchParams();
  return (
    <>
      <p><Link to="/center">← 政务服务中心</Link></p>
      <h1>工作人员账号</h1>
      {created && (
        <div className="notice" role="status">
          <p>已开设账号 <strong>{created.username}</strong>（{created.name}）。临时密码：<strong data-testid="temporary-password">{created.password}</strong></p>
          <p>临时密码只显示这一次，请当面或电话告知本人；首次登录须修改密码。</p>
        </div>
      )}
      <section className="card" aria-labelledby="new-staff">
        <h2 id="new-staff">开设账号</h2>
        <ErrorSummary errors={refusalErrors(refused)} />
        <Form method="post" noValidate key={created?.username ?? "form"}>
          <TextField name="username" label="用户名" help="小写字母开头，3–30 位字母、数字、下划线、点或连字符；不要用姓名拼音加部门这类容易猜到的组合" errors={refused?.errors} />
          <StaffFields departments={departments} roleLabels={roleLabels} errors={refused?.errors} values={{ department: params.get("department") ?? undefined }} />
          <p><button type="submit">开设账号</button></p>
        </Form>
      </section>
      <Form method="get" className="card" role="search">
        <label htmlFor="staff-department">部门</label>
        <select id="staff-department" name="department" defaultValue={department}>
          <option value="">全部部门</option>
          {departments.map((d) => <option key={d.code} value={d.code}>{d.name}</option>)}
        </select>
        <label htmlFor="staff-q">姓名、用户名或手机号码</label>
        <input id="staff-q" name="q" defaultValue={q} />
        <button type="submit">查找</button>
      </Form>
      <table className="data">
        <caption>工作人员（{staff.length}）</caption>
        <thead><tr><th>姓名</th><th>用户名</th><th>部门</th><th>角色</th><th>状态</th></tr></thead>
        <tbody>
          {staff.map((s) => (
            <tr key={s.username}>
              <td><Link to={`/center/staff/${encodeURIComponent(s.username)}`}>{s.name}</Link></td>
              <td>{s.username}</td>
              <td>{s.departmentName ?? "—"}</td>
              <td>{s.roleLabels.join("、")}</td>
              <td>{s.active ? (s.mustChangePassword ? "在用（待改临时密码）" : "在用") : "已停用"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
