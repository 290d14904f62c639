import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/identity/session.server";
import { parseFilters, requireExportViewer } from "~/stats/access.server";
import { buildDashboard, DASHBOARD_TABLES } from "~/stats/dashboard.server";
import { toXlsx } from "~/stats/export.server";
import { exportFileName, toCsv } from "~/stats/tables";
import { scopeLabel } from "~/stats/labels.server";

/** `/supervision/export?table=…&format=xlsx|csv&<the page's filters>`: one dashboard table, as the page shows it. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const params = new URL(request.url).searchParams;
  const filters = await parseFilters(params);
  await requireExportViewer(request, filters);
  const key = params.get("table") ?? "";
  const format = params.get("format") ?? "xlsx";
  if (!(DASHBOARD_TABLES as readonly string[]).includes(key)) throw new Response("没有这张统计表", { status: 404 });
  if (format !== "xlsx" && format !== "csv") throw new Response("导出格式只能是 xlsx 或 csv", { status: 400 });
  const dashboard = await buildDashboard(filters.period, filters.scope, filters.now);
  const table = dashboard.tables[key];
  const name = encodeURIComponent(exportFileName(table, filters.period.from, filters.period.to, format));
  const headers = {
    "Content-Disposition": `attachment; filename="${table.key}.${format}"; filename*=UTF-8''${name}`,
    "Cache-Control": "private, no-store",
  };
  if (format === "csv") return new Response(toCsv(table), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  const body = await toXlsx(table, filters.period, await scopeLabel(filters.scope));
  return new Response(new Uint8Array(body), { headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } });
}
