import type { LoaderFunctionArgs } from "@remix-run/node";
import { loadPublishedItem } from "~/catalog/service.server";
import { idParam } from "~/routes/params";

/** GET /api/v1/items/:itemId — the guide of the published version (every catalog element). */
export async function loader({ params }: LoaderFunctionArgs) {
  const published = await loadPublishedItem(idParam(params.itemId));
  if (!published) return Response.json({ error: "该事项不存在或未发布" }, { status: 404 });
  return Response.json({
    id: published.item.id,
    version: published.version.version,
    department: published.department.name,
    hall: published.orgUnit.name,
    guide: published.version.guide,
    materials: published.version.materials,
    timeLimits: { legalDays: published.workflow.legalDays, promisedDays: published.workflow.promisedDays },
  });
}
