import type { LoaderFunctionArgs } from "@remix-run/node";
import { myCases } from "~/cases/queries.server";
import { APPLICANT_ROLES, hasRole } from "~/identity/roles";
import { getUser } from "~/identity/session.server";

/** GET /api/v1/my/cases — the signed-in applicant's cases (session cookie). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) return Response.json({ error: "请先登录" }, { status: 401 });
  if (!hasRole(user, APPLICANT_ROLES)) return Response.json({ error: "只有自然人或法人账号有办件" }, { status: 403 });
  return Response.json({ cases: await myCases(user) });
}
