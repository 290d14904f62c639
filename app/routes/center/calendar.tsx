import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { chinaDate } from "~/calendar/china-time";
import { calendarYear, removeCalendarDay, setCalendarDay } from "~/calendar/service.server";
import { now } from "~/clock.server";
import { requireRole } from "~/identity/session.server";
import { ErrorSummary, TextField } from "~/ui/ErrorSummary";

export const meta: MetaFunction = () => [{ title: "工作日历 - 紫阳县网上办事大厅" }];

function yearOf(request: Request): number {
  const year = Number(new URL(request.url).searchParams.get("year"));
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : Number(chinaDate(now()).slice(0, 4));
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["center_admin"]);
  const year = yearOf(request);
  return { year, days: await calendarYear(year) };
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, ["center_admin"]);
  const form = await request.formData();
  const date = String(form.get("date") ?? "").trim();
  if (form.get("intent") === "remove") {
    await removeCalendarDay(date);
  } else {
    const entry = { date, kind: String(form.get("kind") ?? "") as "holiday" | "workday", name: String(form.get("name") ?? "") };
    const errors = await setCalendarDay(entry);
    if (errors.length) return data({ errors, values: entry }, { status: 400 });
  }
  return redirect(`/center/calendar?year=${date.slice(0, 4)}&saved=${date}`);
}

export default function CalendarPage() {
  const { year, days } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <p><Link to="/center">← 政务服务中心</Link></p>
      <h1>{year} 年工作日历</h1>
      <p className="muted">
        周一至周五为工作日，周六、周日休息；下表列出法定节假日和调休上班日。办件期限按此日历计算，修改只影响此后计算的期限。
      </p>
      <p className="actions">
        <Link to={`?year=${year - 1}`}>{year - 1} 年</Link>
        <Link to={`?year=${year + 1}`}>{year + 1} 年</Link>
      </p>
      <section className="card" aria-labelledby="add-heading">
        <h2 id="add-heading">设置日期</h2>
        <ErrorSummary errors={result?.errors} />
        <Form method="post" noValidate>
          <TextField name="date" label="日期" type="date" defaultValue={result?.values.date} errors={result?.errors} />
          <label htmlFor="field-kind">类型</label>
          <select id="field-kind" name="kind" defaultValue={result?.values.kind ?? "holiday"}>
            <option value="holiday">放假</option>
            <option value="workday">调休上班</option>
          </select>
          <TextField name="name" label="名称" defaultValue={result?.values.name} errors={result?.errors} help="如 春节、国庆节调休上班" />
          <p><button type="submit" disabled={busy}>保存</button></p>
        </Form>
      </section>
      <table className="data">
        <thead><tr><th>日期</th><th>类型</th><th>名称</th><th>操作</th></tr></thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date}>
              <td>{d.date}</td>
              <td>{d.kind === "holiday" ? "放假" : "调休上班"}</td>
              <td>{d.name}</td>
              <td>
                <Form method="post">
                  <input type="hidden" name="date" value={d.date} />
                  <button type="submit" name="intent" value="remove" className="secondary" disabled={busy} aria-label={`恢复 ${d.date} 为普通日期`}>恢复为普通日期</button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {days.length === 0 && <p className="muted">本年度尚未设置节假日。国务院办公厅发布放假安排后，请在此录入。</p>}
    </>
  );
}
