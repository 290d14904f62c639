import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { createOrgUnit, LEVEL_LABELS, orgTree, restoreOrgUnit, retireOrgUnit, updateOrgUnit } from "~/center/org-tree.server";
import { requireRole } from "~/identity/session.server";
import type { OrgLevel } from "~/org/models.server";
import { ErrorSummary, TextField } from "~/ui/ErrorSummary";
import { isRefused, refusalErrors } from "~/ui/refused";
import { runAction } from "~/ui/user-error.server";

export const meta: MetaFunction = () => [{ title: "行政区划 - 政务服务中心" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["center_admin"]);
  return { units: await orgTree(), levels: LEVEL_LABELS };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["center_admin"]);
  const form = await request.formData();
  const text = (k: string) => String(form.get(k) ?? "").trim();
  const intent = text("intent");
  return runAction(async () => {
    if (intent === "create") {
      await createOrgUnit(user, { code: text("code"), name: text("name"), level: text("level") as OrgLevel, parent: text("parent") || null, hall: form.get("hall") === "on" });
      return redirect(`/center/org?saved=${encodeURIComponent(text("code"))}`);
    }
    if (intent === "update") await updateOrgUnit(user, text("code"), { name: text("name"), hall: form.get("hall") === "on" });
    else if (intent === "retire") await retireOrgUnit(user, text("code"));
    else if (intent === "restore") await restoreOrgUnit(user, text("code"));
    else throw new Response("未知操作", { status: 400 });
    return redirect(`/center/org?saved=${encodeURIComponent(text("code"))}`);
  });
}

export default function OrgTreePage() {
  const { units, levels } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const refused = isRefused(result) ? result : null;
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const depth = (level: OrgLevel) => (level === "county" ? 0 : level === "town" ? 1 : 2);
  return (
    <>
      <p><Link to="/center">← 政务服务中心</Link></p>
      <h1>行政区划（县 → 乡镇 → 村（社区））</h1>
      <p className="muted">
        区划代码为 12 位统计用区划代码，以本县的 6 位代码开头。撤销的区划保留其历史（事项、办件和地址），但不再接受新的下级、部门和事项。
        大批量设立请用 <Link to="/center/directory">Excel 导入</Link>。
      </p>
      {saved && !refused && <p className="notice" role="status">已保存区划 {saved}。</p>}
      <ErrorSummary errors={refusalErrors(refused)} />

      <section className="card" aria-labelledby="new-unit">
        <h2 id="new-unit">新建区划</h2>
        <Form method="post" noValidate>
          <input type="hidden" name="intent" value="create" />
          <TextField name="code" label="区划代码（12 位）" errors={refused?.errors} help="如 村（社区）610924100201：所属乡镇代码前 9 位 + 3 位村编号" />
          <TextField name="name" label="名称" errors={refused?.errors} />
          <label htmlFor="field-level">层级</label>
          <select id="field-level" name="level" defaultValue="village">
            {Object.entries(levels).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
          <label htmlFor="field-parent">上级区划</label>
          <select id="field-parent" name="parent" defaultValue="">
            <option value="">（无：县级）</option>
            {units.filter((u) => !u.retired && u.level !== "village").map((u) => <option key={u.code} value={u.code}>{u.name}（{u.code}）</option>)}
          </select>
          <p><label><input type="checkbox" name="hall" /> 设有政务大厅或便民服务站</label></p>
          <p><button type="submit">新建</button></p>
        </Form>
      </section>

      <table className="data">
        <caption>全部区划（{units.length}）</caption>
        <thead><tr><th>区划</th><th>代码</th><th>层级</th><th>大厅</th><th>部门</th><th>状态</th><th>操作</th></tr></thead>
        <tbody>
          {units.map((u) => (
            <tr key={u.code}>
              <td style={{ paddingLeft: `${0.5 + depth(u.level) * 1.5}em` }}>{u.name}</td>
              <td>{u.code}</td>
              <td>{u.levelLabel}</td>
              <td>{u.hall ? "有" : "—"}</td>
              <td>{u.departments}</td>
              <td>{u.retired ? "已撤销" : "在用"}</td>
              <td>
                <details>
                  <summary>更名 / {u.retired ? "恢复" : "撤销"}</summary>
                  <Form method="post" className="actions">
                    <input type="hidden" name="intent" value="update" />
                    <input type="hidden" name="code" value={u.code} />
                    <label htmlFor={`name-${u.code}`}>名称</label>
                    <input id={`name-${u.code}`} name="name" defaultValue={u.name} />
                    <label><input type="checkbox" name="hall" defaultChecked={u.hall} /> 设有大厅</label>
                    <button type="submit">保存</button>
                  </Form>
                  {u.level !== "county" && (
                    <Form method="post">
                      <input type="hidden" name="intent" value={u.retired ? "restore" : "retire"} />
                      <input type="hidden" name="code" value={u.code} />
                      <button type="submit" className="secondary">{u.retired ? "恢复" : "撤销"}「{u.name}」</button>
                    </Form>
                  )}
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
