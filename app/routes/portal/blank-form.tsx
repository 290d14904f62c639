import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadPublishedItem } from "~/catalog/service.server";
import { renderDocument } from "~/documents/render.server";
import { printableFormRows } from "~/forms/printable-form";
import { idParam } from "~/routes/params";

/**
 * GET /items/:itemId/blank-form — the application form as a printable A4 blank (表格下载);
 * `?sample=1` gives the 样表 filled with example values.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const published = await loadPublishedItem(idParam(params.itemId));
  if (!published) throw new Response("该事项不存在或未发布", { status: 404 });
  const sample = new URL(request.url).searchParams.get("sample") === "1";
  const title = `${published.item.name}申请表${sample ? "（样表）" : ""}`;
  const html = renderDocument("blank_form", {
    title,
    sample,
    department: published.department.name,
    implementationCode: published.item.implementationCode,
    rows: printableFormRows(published.form.jsonSchema, published.form.uiSchema, sample),
  });
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
      "Cache-Control": "public, max-age=300",
    },
  });
}
