import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { departmentItems } from "~/catalog/service.server";
import { claimTasks, departmentQueue, parseQueueFilter, queueCounts, QUEUE_KEYS, QUEUES } from "~/cases/workbench.server";
import { requireDepartmentStaff } from "~/identity/session.server";
import { LightBadge } from "~/ui/CaseParts";
import { departmentInteractionCounts } from "~/interaction/messages.server";
import { InteractionWorkbenchLink } from "~/ui/InteractionParts";

export const meta: MetaFunction = () => [{ title: "审批工作台 - 紫阳县网上办事大厅" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireDepartmentStaff(request, ["reviewer"]);
  const params = new URL(request.url).searchParams;
  const counts = await queueCounts(user);
  const filter = parseQueueFilter(params);
  // Landing on the workbench opens the first queue with work in it.
  if (!params.has("queue")) filter.queue = QUEUE_KEYS.find((key) => key !== "done" && counts[key] > 0) ?? "accept";
  const [queue, items] = await Promise.all([departmentQueue(user, filter), departmentItems(user.departmentId)]);
  return {
    department: user.departmentName,
    filter,
    counts,
    queues: QUEUE_KEYS.map((key) => ({ key, label: QUEUES[key].label })),
    items: items.map((i) => ({ id: i.id, name: i.name })),
    ...queue,
    interaction: await departmentInteractionCounts(user),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireDepartmentStaff(request, ["reviewer"]);
  const form = await request.formData();
  const ids = form.getAll("taskId").map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
  if (!ids.length) return data({ error: "请先勾选要认领的任务" }, { status: 400 });
  const claimed = await claimTasks(user, ids);
  const back = new URL(request.url);
  back.searchParams.set("claimed", String(claimed));
  return redirect(`${back.pathname}${back.search}`);
}

export default function Queue() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const link = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    next.delete("claimed");
    for (const [k, v] of Object.entries(changes)) v === null ? next.delete(k) : next.set(k, v);
    return `/workbench?${next}`;
  };
  const review = d.filter.queue === "review";
  return (
    <>
      <h1>审批工作台 · {d.department}</h1>
      <p><Link to="/workbench/follow-ups">差评整改（回访与整改结果）</Link></p>
      <InteractionWorkbenchLink {...d.interaction} />
      <nav aria-label="办件队列" className="actions" style={{ marginBottom: 12 }}>
        {d.queues.map((q) => (
          <Link key={q.key} to={link({ queue: q.key, page: null })} className={`button${q.key === d.filter.queue ? "" : " secondary"}`} aria-current={q.key === d.filter.queue ? "page" : undefined}>
            {q.label}（<span data-testid={`count-${q.key}`}>{d.counts[q.key]}</span>）
          </Link>
        ))}
      </nav>
      <Form method="get" className="card" role="search" aria-label="筛选办件">
        <input type="hidden" name="queue" value={d.filter.queue} />
        <div className="actions">
          <div>
            <label htmlFor="q">申请人或办件编号</label>
            <input id="q" name="q" type="text" defaultValue={d.filter.q ?? ""} />
          </div>
          <div>
            <label htmlFor="item">事项</label>
            <select id="item" name="item" defaultValue={d.filter.itemId ?? ""}>
              <option value="">全部事项</option>
              {d.items.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="due">期限</label>
            <select id="due" name="due" defaultValue={d.filter.due ?? ""}>
              <option value="">全部</option>
              <option value="soon">2 个工作日内到期</option>
              <option value="overdue">已超期</option>
            </select>
          </div>
          {review && (
            <label style={{ display: "flex", gap: 8, alignItems: "center", minHeight: 44 }}>
              <input type="checkbox" name="mine" value="1" defaultChecked={d.filter.mine} /> 只看我的任务
            </label>
          )}
        </div>
        <p><button type="submit" className="secondary">筛选</button></p>
      </Form>
      {result?.error && <div className="error-summary" role="alert">{result.error}</div>}
      {params.get("claimed") && <div className="notice" role="status">已认领 {params.get("claimed")} 个任务</div>}
      <Form method="post">
        {d.rows.length === 0 ? (
          <p className="muted">没有符合条件的办件。</p>
        ) : (
          <div style={{ overflowX: "auto" }}>
            <table className="data">
              <thead>
                <tr>
                  {review && <th><span className="visually-hidden">选择</span></th>}
                  <th>查询码</th><th>事项</th>{review && <th>审查内容</th>}<th>申请人</th><th>状态</th><th>期限</th>{review && <th>承办人</th>}
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r) => (
                  <tr key={`${r.id}-${r.taskId ?? ""}`}>
                    {review && (
                      <td>
                        <input type="checkbox" name="taskId" value={r.taskId ?? ""} aria-label={`选择 ${r.shortNumber}`} disabled={Boolean(r.assignee)} />
                      </td>
                    )}
                    <td><Link to={`/workbench/cases/${r.id}`}>{r.shortNumber}</Link></td>
                    <td>{r.itemName}</td>
                    {review && <td>{r.task}</td>}
                    <td>{r.applicantName}（{r.applicantMobile}）</td>
                    <td className="state">{r.stateLabel}</td>
                    <td>{r.dueDate} <LightBadge light={r.light} label={r.lightLabel} /></td>
                    {review && <td>{r.assignee ?? "未认领"}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {review && d.rows.length > 0 && <p><button type="submit" className="secondary" disabled={busy}>认领所选任务</button></p>}
      </Form>
      <p className="actions">
        {(d.filter.page ?? 1) > 1 && <Link to={link({ page: String((d.filter.page ?? 1) - 1) })}>上一页</Link>}
        {d.hasMore && <Link to={link({ page: String((d.filter.page ?? 1) + 1) })}>下一页</Link>}
      </p>
    </>
  );
}
