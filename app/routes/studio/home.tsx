import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { departmentItems } from "~/catalog/service.server";
import { requireDepartmentStaff } from "~/identity/session.server";

export const meta: MetaFunction = () => [{ title: "事项配置 - 紫阳县网上办事大厅" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireDepartmentStaff(request, ["dept_admin"]);
  return { department: user.departmentName, items: await departmentItems(user.departmentId) };
}

export default function Studio() {
  const { department, items } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>事项配置 · {department}</h1>
      <p className="muted">本部门的事项及其已发布版本。可视化配置（指南、材料、表单、模板、流程）将在事项工作室中提供。</p>
      <table className="data">
        <thead><tr><th>事项名称</th><th>实施编码</th><th>已发布版本</th><th>发布时间</th></tr></thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id}>
              <td><Link to={`/items/${i.id}`}>{i.name}</Link></td>
              <td>{i.implementationCode}</td>
              <td>{i.version ? `第 ${i.version} 版` : "未发布"}</td>
              <td>{i.publishedAt ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
