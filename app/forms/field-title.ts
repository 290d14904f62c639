/** Title of a field for messages: "shareholders.0.name" → "股东 › 第 1 项 › 姓名". Used by server and browser. */
export function fieldTitle(schema: object, path: string): string | undefined {
  let node: Record<string, unknown> | undefined = schema as Record<string, unknown>;
  const titles: string[] = [];
  for (const part of path.replace(/^\./, "").split(".").filter(Boolean)) {
    if (!node) return undefined;
    if (/^\d+$/.test(part)) {
      node = node.items as Record<string, unknown> | undefined;
      titles.push(`第 ${Number(part) + 1} 项`);
      continue;
    }
    node = (node.properties as Record<string, Record<string, unknown>> | undefined)?.[part];
    if (node && typeof node.title === "string") titles.push(node.title);
  }
  return titles.length ? titles.join(" › ") : undefined;
}
