import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { now as clockNow } from "~/clock.server";
import { requireRole } from "~/identity/session.server";
import { supervisedCase } from "~/stats/case-view.server";
import { LightBadge, Timeline } from "~/ui/CaseParts";

export const meta: MetaFunction = () => [{ title: "办件监察 - 紫阳县网上办事大厅" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["supervisor", "center_admin", "reviewer", "dept_admin"]);
  return supervisedCase(user, Number(params.caseId), clockNow());
}

export default function SupervisedCase() {
  const d = useLoaderData<typeof loader>();
  const c = d.case;
  return (
    <>
      <p><Link to="/supervision">← 电子监察</Link></p>
      <h1>办件 {c.shortNumber}</h1>
      <div className="table-scroll" role="region" aria-label="办件概况" tabIndex={0}>
        <table className="data">
          <tbody>
            <tr><th scope="row">办件编号</th><td>{c.trackingNumber}</td></tr>
            <tr><th scope="row">事项</th><td>{c.itemName}</td></tr>
            <tr><th scope="row">牵头部门</th><td>{c.department}</td></tr>
            <tr><th scope="row">申请人</th><td>{c.applicantName}（{c.applicantMobile}）</td></tr>
            <tr><th scope="row">渠道</th><td>{c.channel}</td></tr>
            <tr><th scope="row">申报时间</th><td>{c.submittedAt}</td></tr>
            <tr><th scope="row">状态</th><td data-testid="case-state">{c.stateLabel}</td></tr>
            <tr><th scope="row">承诺办结日期</th><td className={c.light === "red" ? "overdue" : undefined}>{c.dueDate} <LightBadge light={c.light} label={c.lightLabel} /></td></tr>
          </tbody>
        </table>
      </div>
      {d.workbench && <p><Link to={d.workbench}>在工作台办理</Link></p>}
      <h2>审查任务</h2>
      {d.tasks.length === 0 ? (
        <p className="muted">暂无审查任务。</p>
      ) : (
        <div className="table-scroll" role="region" aria-label="审查任务" tabIndex={0}>
          <table className="data">
            <thead><tr><th scope="col">部门</th><th scope="col">任务</th><th scope="col">状态</th><th scope="col">意见</th><th scope="col">期限</th></tr></thead>
            <tbody>{d.tasks.map((t) => <tr key={t.id}><th scope="row">{t.department}</th><td>{t.task}</td><td>{t.state}</td><td>{t.opinion}</td><td>{t.dueDate}</td></tr>)}</tbody>
          </table>
        </div>
      )}
      <h2>办理过程</h2>
      <Timeline events={d.events} />
    </>
  );
}
