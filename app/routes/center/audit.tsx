import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { chinaDateTime } from "~/calendar/china-time";
import { auditEntries } from "~/center/audit.server";
import { requireRole } from "~/identity/session.server";

export const meta: MetaFunction = () => [{ title: "管理操作记录 - 政务服务中心" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["center_admin", "supervisor"]);
  const entries = await auditEntries({ limit: 500 });
  return { entries: entries.map((e) => ({ ...e, at: chinaDateTime(new Date(e.at)) })) };
}

export default function AuditPage() {
  const { entries } = useLoaderData<typeof loader>();
  return (
    <>
      <p><Link to="/center">← 政务服务中心</Link></p>
      <h1>管理操作记录</h1>
      <p className="muted">区划、部门和工作人员账号的每一次变更：谁、何时、改了什么（最近 500 条）。</p>
      <table className="data">
        <thead><tr><th>时间</th><th>操作人</th><th>对象</th><th>标识</th><th>操作</th><th>内容</th></tr></thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}><td>{e.at}</td><td>{e.actor}</td><td>{e.entity}</td><td>{e.entityKey}</td><td>{e.action}</td><td>{e.detail ?? ""}</td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
