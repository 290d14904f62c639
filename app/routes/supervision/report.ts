import type { LoaderFunctionArgs } from "@remix-run/node";
import { now as clockNow } from "~/clock.server";
import { chinaDate } from "~/calendar/china-time";
import { requireDepartmentViewer } from "~/stats/access.server";
import { parseMonth } from "~/stats/period";
import { monthlyReport } from "~/stats/report.server";

/** `/supervision/departments/:code/report?month=2026-11`: the printable A4 monthly report (HTML). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { department } = await requireDepartmentViewer(request, params.code ?? "");
  const now = clockNow();
  const month = parseMonth(new URL(request.url).searchParams.get("month"), chinaDate(now));
  if (!month) throw new Response("月份格式应为 年-月，例如 2026-11", { status: 400 });
  const html = await monthlyReport(department, month, now);
  return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" } });
}
