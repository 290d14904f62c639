import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { createDepartment, departmentList, updateDepartment } from "~/center/departments.server";
import { orgTree } from "~/center/org-tree.server";
import { requireRole } from "~/identity/session.server";
import { ErrorSummary, TextField } from "~/ui/ErrorSummary";
import { isRefused, refusalErrors } from "~/ui/refused";
import { runAction } from "~/ui/user-error.server";

export const meta: MetaFunction = () => [{ title: "部门 - 政务服务中心" }];

const FIELDS = ["name", "abbreviation", "creditCode", "orgUnit", "itemListCount", "consultPhone", "complaintPhone"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["center_admin"]);
  const [departments, units] = await Promise.all([departmentList(), orgTree()]);
  return { departments, units: units.filter((u) => !u.retired).map((u) => ({ code: u.code, name: u.name, level: u.levelLabel })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["center_admin"]);
  const form = await request.formData();
  const raw = Object.fromEntries([...FIELDS, "code"].map((k) => [k, String(form.get(k) ?? "")]));
  const editing = String(form.get("editing") ?? "");
  return runAction(async () => {
    const saved = editing ? await updateDepartment(user, editing, raw) : await createDepartment(user, raw);
    return redirect(`/center/departments?saved=${encodeURIComponent(saved.code)}`);
  });
}

export default function DepartmentsPage() {
  const { departments, units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const refused = isRefused(result) ? result : null;
  const [params] = useSearchParams();
  const editing = departments.find((d) => d.code === params.get("edit")) ?? null;
  const saved = params.get("saved");
  const value = (k: string) => (editing ? String((editing as unknown as Record<string, unknown>)[k] ?? "") : undefined);
  return (
    <>
      <p><Link to="/center">← 政务服务中心</Link></p>
      <h1>进驻部门</h1>
      <p className="muted">部门代码是文号、导入和统计中使用的标识，设立后不能修改。事项清单事项数是“事项进驻率”的分母。批量设立请用 <Link to="/center/directory">Excel 导入</Link>。</p>
      {saved && !refused && <p className="notice" role="status">已保存部门 {saved}。</p>}
      <section className="card" aria-labelledby="department-form">
        <h2 id="department-form">{editing ? `修改：${editing.name}` : "新建部门"}</h2>
        <ErrorSummary errors={refusalErrors(refused)} />
        <Form method="post" noValidate key={editing?.code ?? "new"}>
          <input type="hidden" name="editing" value={editing?.code ?? ""} />
          {editing ? <p>部门代码：{editing.code}</p> : <TextField name="code" label="部门代码" help="小写字母开头，如 scjg" errors={refused?.errors} />}
          <TextField name="name" label="部门名称" defaultValue={value("name")} errors={refused?.errors} />
          <TextField name="abbreviation" label="文书简称" help="用于文号，如 紫市监" defaultValue={value("abbreviation")} errors={refused?.errors} />
          <TextField name="creditCode" label="统一社会信用代码" defaultValue={value("creditCode")} errors={refused?.errors} />
          <label htmlFor="field-orgUnit">所属区划</label>
          <select id="field-orgUnit" name="orgUnit" defaultValue={value("orgUnit") ?? units[0]?.code}>
            {units.map((u) => <option key={u.code} value={u.code}>{u.name}（{u.level}，{u.code}）</option>)}
          </select>
          <TextField name="itemListCount" label="事项清单事项数" help="本部门权责清单中的政务服务事项数" defaultValue={value("itemListCount")} errors={refused?.errors} />
          <TextField name="consultPhone" label="咨询电话" defaultValue={value("consultPhone")} errors={refused?.errors} />
          <TextField name="complaintPhone" label="投诉电话" defaultValue={value("complaintPhone")} errors={refused?.errors} />
          <p className="actions">
            <button type="submit">{editing ? "保存修改" : "新建部门"}</button>
            {editing && <Link to="/center/departments">取消</Link>}
          </p>
        </Form>
      </section>
      <table className="data">
        <caption>部门（{departments.length}）</caption>
        <thead><tr><th>部门</th><th>代码</th><th>简称</th><th>所属区划</th><th>事项清单</th><th>咨询电话</th><th>在用账号</th><th></th></tr></thead>
        <tbody>
          {departments.map((d) => (
            <tr key={d.code}>
              <td>{d.name}</td>
              <td>{d.code}</td>
              <td>{d.abbreviation}</td>
              <td>{d.orgUnitName}</td>
              <td>{d.itemListCount ?? "—"}</td>
              <td>{d.consultPhone ?? "—"}</td>
              <td><Link to={`/center/staff?department=${d.code}`}>{d.staff}</Link></td>
              <td><Link to={`/center/departments?edit=${d.code}`}>修改</Link></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
