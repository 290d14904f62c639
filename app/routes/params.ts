/** A positive integer route parameter, or a 404 response (so "/items/abc" is "not found", not an error). */
export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("页面不存在", { status: 404 });
  return id;
}

/** The client address rate limits count: the proxy's forwarded address when there is one. */
export function clientOf(request: Request): string {
  return (request.headers.get("X-Forwarded-For")?.split(",")[0].trim() || request.headers.get("X-Real-IP") || "direct").slice(0, 60);
}
