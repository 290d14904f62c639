import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { WINDOW_ROLES } from "~/identity/roles";
import { requireRole } from "~/identity/session.server";
import { LightBadge } from "~/ui/CaseParts";
import { intakesToday, windowCatalog } from "~/window/intake.server";

export const meta: MetaFunction = () => [{ title: "窗口收件 - 紫阳县网上办事大厅" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const clerk = await requireRole(request, WINDOW_ROLES);
  const params = new URL(request.url).searchParams;
  const q = params.get("q")?.slice(0, 50) ?? "";
  const received = Number(params.get("received"));
  const [items, today] = await Promise.all([windowCatalog(q), intakesToday(clerk)]);
  return { q, items, today, received: today.find((c) => c.id === received) ?? null, department: clerk.departmentName };
}

export default function WindowHome() {
  const { q, items, today, received, department } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>窗口收件</h1>
      <p className="muted">{department} · 为到政务服务中心现场办事的申请人登记办件，与网上申请使用同一张申请表、同样的材料要求和办理时限。</p>
      {received && (
        <section className="card" role="status" aria-label="收件成功">
          <h2>收件成功</h2>
          <p>
            {received.itemName} · 申请人 {received.applicantName} · 办件编号 <strong>{received.trackingNumber}</strong>（查询码 {received.shortNumber}）· 承诺办结日期 {received.dueDate}
          </p>
          <p>
            <a href={`/window/receipts/${received.id}`} target="_blank" rel="noreferrer">打印收件回执</a>
          </p>
        </section>
      )}
      <section className="card" aria-labelledby="items-heading">
        <h2 id="items-heading">选择办理事项</h2>
        <Form method="get" role="search" className="search-box">
          <label htmlFor="window-q">搜索事项</label>
          <div className="actions">
            <input id="window-q" name="q" type="search" defaultValue={q} placeholder="事项名称、关键词或拼音首字母，如 gtgsh" autoComplete="off" />
            <button type="submit">搜索</button>
          </div>
        </Form>
        {q && <p role="status">找到 {items.length} 个与“{q}”相关的事项{items.length ? "" : "，可以试试更短的关键词或拼音首字母"}</p>}
        <table className="data">
          <thead>
            <tr><th>事项</th><th>主办部门</th><th>网办</th><th></th></tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td>{i.name}</td>
                <td>{i.department}</td>
                <td>{i.online ? "可网办" : "仅窗口"}</td>
                <td><Link to={`/window/items/${i.id}`} aria-label={`收件：${i.name}`}>收件</Link></td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="today-heading">
        <h2 id="today-heading">我今天的收件（{today.length} 件）</h2>
        {today.length ? (
          <table className="data">
            <thead>
              <tr><th>办件编号</th><th>事项</th><th>申请人</th><th>状态</th><th>承诺办结</th><th>回执</th></tr>
            </thead>
            <tbody>
              {today.map((c) => (
                <tr key={c.id}>
                  <td>{c.trackingNumber}<div className="muted">查询码 {c.shortNumber}</div></td>
                  <td>{c.itemName}</td>
                  <td>{c.applicantName}<div className="muted">{c.applicantMobile}</div></td>
                  <td>{c.stateLabel}</td>
                  <td>{c.dueDate} <LightBadge light={c.light} label={c.lightLabel} /></td>
                  <td><a href={`/window/receipts/${c.id}`} target="_blank" rel="noreferrer">收件回执</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">今天还没有收件。</p>
        )}
      </section>
    </>
  );
}
