import { villageChoices } from "~/org/regions.server";

/** GET /api/v1/regions/villages — each town's 村（社区）, by town name, for the address field's fifth level. */
export async function loader() {
  return Response.json(await villageChoices(), { headers: { "Cache-Control": "public, max-age=3600" } });
}
