import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { workbenchQueue } from "~/cases/queries.server";
import { requireDepartmentStaff } from "~/identity/session.server";
import { CaseTable } from "~/ui/CaseParts";

export const meta: MetaFunction = () => [{ title: "审批工作台 - 紫阳县网上办事大厅" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireDepartmentStaff(request, ["reviewer"]);
  return { department: user.departmentName, ...(await workbenchQueue(user)) };
}

export default function Queue() {
  const { department, toAccept, toReview, recentlyDone } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>审批工作台 · {department}</h1>
      <h2>待受理（{toAccept.length}）</h2>
      <CaseTable cases={toAccept} linkTo={(id) => `/workbench/cases/${id}`} showApplicant />
      <h2>待审查（{toReview.length}）</h2>
      {toReview.length === 0 ? (
        <p className="muted">暂无待审查任务。</p>
      ) : (
        <table className="data">
          <thead><tr><th>查询码</th><th>事项</th><th>审查内容</th><th>申请人</th><th>答复期限</th></tr></thead>
          <tbody>
            {toReview.map((t) => (
              <tr key={t.taskId}>
                <td><Link to={`/workbench/cases/${t.case.id}`}>{t.case.shortNumber}</Link></td>
                <td>{t.case.itemName}</td>
                <td>{t.task}</td>
                <td>{t.case.applicantName}</td>
                <td>{t.dueDate}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>最近办理</h2>
      {recentlyDone.length === 0 ? (
        <p className="muted">暂无。</p>
      ) : (
        <ul>
          {recentlyDone.map((t) => (
            <li key={t.taskId}>
              <Link to={`/workbench/cases/${t.case.id}`}>{t.case.shortNumber}</Link> {t.case.itemName} · {t.task}：{t.opinion} · {t.case.stateLabel}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
