import type { ActionFunctionArgs } from "@remix-run/node";
import { now } from "~/clock.server";
import { handlePaymentCallback } from "~/payments/service.server";

const MAX_BODY = 16 * 1024;

/** Payment providers' server-to-server notices (POST only); authenticity is the provider's signature. */
export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("method not allowed", { status: 405 });
  const body = await request.text();
  if (body.length > MAX_BODY) return new Response("too large", { status: 413 });
  const answer = await handlePaymentCallback(params.provider ?? "", body, request.headers, now());
  return new Response(answer.body, { status: answer.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export function loader() {
  return new Response("method not allowed", { status: 405 });
}
