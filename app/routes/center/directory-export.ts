import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildDirectoryWorkbook } from "~/center/directory-workbook.server";
import { requireRole } from "~/identity/session.server";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** `/center/directory/export`: org units, departments and staff as a workbook; `?template=1`: the empty template. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["center_admin"]);
  const template = Boolean(new URL(request.url).searchParams.get("template"));
  const body = await buildDirectoryWorkbook(template);
  const fileName = template ? "区划部门人员导入模板.xlsx" : "区划部门人员.xlsx";
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": XLSX,
      "Content-Disposition": `attachment; filename="directory.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
    },
  });
}
