import type { ActionFunctionArgs } from "@remix-run/node";
import { trackCase } from "~/cases/tracking.server";
import { clientOf } from "~/routes/params";

/** POST /api/v1/track {tracking, mobile} — the anonymous progress query, rate-limited like the web page. */
export async function action({ request }: ActionFunctionArgs) {
  let body: { tracking?: unknown; mobile?: unknown };
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: "请求内容应为 JSON" }, { status: 400 });
  }
  const answer = await trackCase({ tracking: String(body.tracking ?? ""), mobile: String(body.mobile ?? ""), client: clientOf(request) });
  const status = answer.result ? 200 : answer.error?.includes("频繁") ? 429 : answer.error?.includes("未查到") ? 404 : 400;
  return Response.json(answer, { status });
}
