import type { LoaderFunctionArgs } from "@remix-run/node";
import { filterCatalog, parseCatalogFilter, serviceBadges } from "~/catalog/filters";
import { catalogEntries } from "~/catalog/service.server";

/** GET /api/v1/items — the published catalog, with the same filters as the portal's home page. */
export async function loader({ request }: LoaderFunctionArgs) {
  const entries = filterCatalog(await catalogEntries(), parseCatalogFilter(new URL(request.url).searchParams));
  return Response.json({
    items: entries.map((e) => ({
      id: e.id,
      name: e.name,
      department: e.departmentName,
      hall: e.orgUnitName,
      serviceObjects: e.serviceObjects,
      badges: serviceBadges(e),
    })),
  });
}
