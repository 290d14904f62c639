import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildWorkbook, exportCatalog } from "~/catalog/workbook.server";
import { requireRole } from "~/identity/session.server";
import { Department } from "~/org/models.server";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** `/center/catalog/export[?department=code]`: the published catalog as a workbook; `?template=1`: the blank import template. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["center_admin"]);
  const params = new URL(request.url).searchParams;
  const code = params.get("department") ?? "";
  let fileName = "事项目录导入模板.xlsx";
  let body: Buffer;
  if (params.get("template")) {
    body = await buildWorkbook([]);
  } else {
    const department = code ? await Department.findOne({ where: { code } }) : null;
    if (code && !department) throw new Response("部门不存在", { status: 404 });
    body = await exportCatalog(department?.code);
    fileName = `${department ? department.name : "紫阳县"}事项目录.xlsx`;
  }
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": XLSX,
      "Content-Disposition": `attachment; filename="catalog.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
