import { regionTree } from "~/org/regions.server";

/** GET /api/v1/regions — 省 → 市 → 县（区）→ 乡镇 for address fields (cached by browsers for a day). */
export async function loader() {
  return Response.json(await regionTree(), { headers: { "Cache-Control": "public, max-age=86400" } });
}
