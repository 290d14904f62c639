import type { LoaderFunctionArgs } from "@remix-run/node";
import { searchCatalog, suggestCatalog } from "~/catalog/search.server";

/** GET /api/v1/search?q=…[&suggest=1] — catalog search for the portal's suggestions and for apps. */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const q = params.get("q") ?? "";
  const results = params.get("suggest") ? await suggestCatalog(q) : await searchCatalog(q);
  return Response.json({ query: q, results }, { headers: { "Cache-Control": "public, max-age=60" } });
}
