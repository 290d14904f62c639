import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { groupByDepartment } from "~/catalog/filters";
import { catalogEntries } from "~/catalog/service.server";
import { countCasesByState } from "~/cases/queries.server";
import { requireRole } from "~/identity/session.server";

export const meta: MetaFunction = () => [{ title: "政务服务中心 - 紫阳县网上办事大厅" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["center_admin"]);
  const [entries, states] = await Promise.all([catalogEntries(), countCasesByState()]);
  return { departments: groupByDepartment(entries).map((d) => ({ name: d.name, items: d.items.length })), states };
}

export default function Center() {
  const { departments, states } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>政务服务中心</h1>
      <p className="actions">
        <Link to="/center/org">行政区划</Link>
        <Link to="/center/departments">进驻部门</Link>
        <Link to="/center/staff">工作人员账号</Link>
        <Link to="/center/directory">区划、部门和人员导入导出（Excel）</Link>
        <Link to="/center/audit">管理操作记录</Link>
        <Link to="/center/publications">事项发布审核</Link>
        <Link to="/center/catalog">事项目录导入导出（Excel）</Link>
        <Link to="/center/calendar">工作日历（节假日与调休）</Link>
        <Link to="/center/outbox">发送失败的短信</Link>
        <Link to="/center/questions">在线咨询管理</Link>
        <Link to="/supervision">统计与电子监察</Link>
        <Link to="/supervision/ratings">好差评与整改</Link>
      </p>
      <h2>进驻部门与已发布事项</h2>
      <table className="data">
        <thead><tr><th>部门</th><th>已发布事项数</th></tr></thead>
        <tbody>{departments.map((d) => <tr key={d.name}><td>{d.name}</td><td>{d.items}</td></tr>)}</tbody>
      </table>
      <h2>办件状态</h2>
      <table className="data">
        <tbody>{states.map((s) => <tr key={s.state}><th>{s.label}</th><td>{s.count}</td></tr>)}</tbody>
      </table>
    </>
  );
}
