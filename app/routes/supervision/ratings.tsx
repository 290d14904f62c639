import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CaseActionError } from "~/cases/case-transaction.server";
import { shortTrackingNumber } from "~/cases/tracking-number";
import { listFollowUps, parseFollowUpFilter } from "~/evaluation/follow-ups.server";
import { FOLLOW_UP_FILTERS } from "~/evaluation/labels";
import { departmentRatingStats, ratingsForOverseer } from "~/evaluation/ratings.server";
import { OVERSEER_ROLES } from "~/evaluation/scope.server";
import { requireRole } from "~/identity/session.server";
import { departmentNames } from "~/org/names.server";
import { LightBadge } from "~/ui/CaseParts";

export const meta: MetaFunction = () => [{ title: "好差评监察 - 紫阳县网上办事大厅" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, OVERSEER_ROLES);
  const params = new URL(request.url).searchParams;
  const filter = parseFollowUpFilter(params);
  const bad = params.get("kind") === "bad";
  try {
    const [stats, followUps, ratings, names] = await Promise.all([
      departmentRatingStats(user),
      listFollowUps(user, filter),
      ratingsForOverseer(user, { departmentId: filter.departmentId, kind: bad ? "bad" : undefined }),
      departmentNames(),
    ]);
    return {
      filter: { department: filter.departmentId ? String(filter.departmentId) : "", state: filter.state ?? "", kind: bad ? "bad" : "" },
      departments: [...names].map(([id, name]) => ({ id, name })),
      stats,
      followUps,
      ratings: ratings.map((r) => ({ ...r, shortNumber: shortTrackingNumber(r.trackingNumber) })),
    };
  } catch (error) {
    if (error instanceof CaseActionError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

export default function SupervisionRatings() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <p><Link to="/supervision">← 电子监察</Link></p>
      <h1>好差评监察</h1>
      <p className="muted">评价由申请人提交后不可修改（只读）。服务满意率 = 基本满意及以上的评价数 ÷ 评价总数。</p>

      <h2>各部门评价统计</h2>
      {d.stats.length === 0 ? (
        <p className="muted">暂无评价。</p>
      ) : (
        <div style={{ overflowX: "auto" }}>
          <table className="data">
            <thead>
              <tr><th>部门</th><th>评价数</th><th>差评数</th><th>服务满意率</th><th>未办结整改</th><th>超期整改</th></tr>
            </thead>
            <tbody>
              {d.stats.map((s) => (
                <tr key={s.departmentId} data-testid={`stats-${s.departmentId}`}>
                  <th scope="row">{s.department}</th>
                  <td>{s.ratings}</td>
                  <td>{s.bad}</td>
                  <td>{s.satisfaction == null ? "—" : `${s.satisfaction}%`}</td>
                  <td>{s.openFollowUps}</td>
                  <td className={s.overdueFollowUps ? "overdue" : undefined}>{s.overdueFollowUps}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Form method="get" className="card" role="search" aria-label="筛选评价和整改">
        <div className="actions">
          <div>
            <label htmlFor="department">部门</label>
            <select id="department" name="department" defaultValue={d.filter.department}>
              <option value="">全部部门</option>
              {d.departments.map((dep) => <option key={dep.id} value={dep.id}>{dep.name}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="state">整改状态</label>
            <select id="state" name="state" defaultValue={d.filter.state}>
              {FOLLOW_UP_FILTERS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="kind">评价</label>
            <select id="kind" name="kind" defaultValue={d.filter.kind}>
              <option value="">全部评价</option>
              <option value="bad">只看差评</option>
            </select>
          </div>
        </div>
        <p><button type="submit" className="secondary">筛选</button></p>
      </Form>

      <h2>差评整改</h2>
      {d.followUps.length === 0 ? (
        <p className="muted">没有符合条件的差评整改。</p>
      ) : (
        <div style={{ overflowX: "auto" }}>
          <table className="data">
            <thead>
              <tr><th>查询码</th><th>部门</th><th>评价</th><th>差评原因</th><th>状态</th><th>整改期限</th><th>回访记录</th><th>整改结果</th></tr>
            </thead>
            <tbody>
              {d.followUps.map((f) => (
                <tr key={f.id}>
                  <td>{f.shortNumber}</td>
                  <td>{f.department}</td>
                  <td>{f.rating.levelLabel}</td>
                  <td>{f.rating.reasonLabel}：{f.rating.reason}</td>
                  <td className="state">{f.stateLabel}{f.resolvedLate && <span className="badge hot">逾期整改</span>}</td>
                  <td className={f.overdue ? "overdue" : undefined}>{f.deadline} <LightBadge light={f.light} label={f.lightLabel} /></td>
                  <td>{f.calledAt ? `${f.calledAt} ${f.calledByName}：${f.callNote}` : "—"}</td>
                  <td>{f.resolvedAt ? `${f.resolvedAt} ${f.resolvedByName}：${f.resolution}` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>评价记录</h2>
      {d.ratings.length === 0 ? (
        <p className="muted">没有符合条件的评价。</p>
      ) : (
        <div style={{ overflowX: "auto" }}>
          <table className="data">
            <thead>
              <tr><th>查询码</th><th>部门</th><th>总体评价</th><th>分项评分</th><th>原因与内容</th><th>评价时间</th></tr>
            </thead>
            <tbody>
              {d.ratings.map((r) => (
                <tr key={r.id}>
                  <td>{r.shortNumber}</td>
                  <td>{r.department}</td>
                  <td className={r.bad ? "overdue" : undefined}>{r.levelLabel}</td>
                  <td>{r.scores.map((s) => `${s.label} ${s.value ?? "—"}`).join("；")}</td>
                  <td>{[r.reasonLabel ? `${r.reasonLabel}：${r.reason}` : "", r.comment ?? ""].filter(Boolean).join("；") || "—"}</td>
                  <td>{r.ratedAt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
