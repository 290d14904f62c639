import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { chinaDateTime } from "~/calendar/china-time";
import { requireRole } from "~/identity/session.server";
import { submittedDrafts } from "~/studio/drafts.server";

export const meta: MetaFunction = () => [{ title: "事项发布审核 - 紫阳县网上办事大厅" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["center_admin"]);
  return { drafts: (await submittedDrafts(user)).map((d) => ({ ...d, submittedAt: chinaDateTime(d.submittedAt) })) };
}

export default function Publications() {
  const { drafts } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <p><Link to="/center">← 政务服务中心</Link></p>
      <h1>事项发布审核</h1>
      {params.get("published") && <div className="notice" role="status">已发布。</div>}
      {params.get("returned") && <div className="notice" role="status">已退回部门修改。</div>}
      {drafts.length === 0 ? (
        <p>没有待审核的事项。</p>
      ) : (
        <div className="table-scroll">
          <table className="data">
            <thead><tr><th>事项</th><th>部门</th><th>提交时间</th></tr></thead>
            <tbody>
              {drafts.map((d) => (
                <tr key={d.id}>
                  <td><Link to={`/center/publications/${d.id}`}>{d.name}</Link>{d.isNew ? "（新事项）" : ""}</td>
                  <td>{d.department}</td>
                  <td>{d.submittedAt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
