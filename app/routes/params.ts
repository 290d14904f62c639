/** A positive integer route parameter, or a 404 response (so "/items/abc" is "not found", not an error). */
export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("页面不存在", { status: 404 });
  return id;
}
