import { PLATFORM_SCHEMAS } from "./validate.server";

type Json = Record<string, unknown>;
const byId = new Map(PLATFORM_SCHEMAS.map((s) => [(s as { $id: string }).$id, s as unknown as Json]));

/**
 * One of the platform schemas as a single self-contained schema for the browser (RJSF resolves only local
 * references): every "other.schema.json#/definitions/x" and "other.schema.json" reference becomes a local
 * definition. The studio's editors are driven by these, so an element added to schemas/ appears in them.
 */
export function bundledSchema(id: string): Json {
  const root = byId.get(id);
  if (!root) throw new Error(`schema ${id} is not registered`);
  const definitions: Record<string, unknown> = {};
  const localName = (file: string, pointer: string) => `${file.replace(/\.schema\.json$/, "")}${pointer ? `__${pointer.split("/").pop()}` : ""}`;
  const rewrite = (node: unknown, file: string): unknown => {
    if (Array.isArray(node)) return node.map((n) => rewrite(n, file));
    if (!node || typeof node !== "object") return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node as Json)) {
      if (key === "$ref" && typeof value === "string") {
        const [target = file, pointer = ""] = value.split("#");
        const targetFile = target || file;
        const name = localName(targetFile, pointer.replace(/^\//, ""));
        if (!(name in definitions)) {
          definitions[name] = {};
          const schema = byId.get(targetFile);
          if (!schema) throw new Error(`unknown schema ${targetFile}`);
          const resolved = pointer ? pointer.split("/").filter(Boolean).reduce<unknown>((n, part) => (n as Json)[part], schema) : schema;
          definitions[name] = rewrite(strip(resolved as Json), targetFile);
        }
        out.$ref = `#/definitions/${name}`;
      } else if (key !== "definitions") {
        // Definitions are copied when something refers to them.
        out[key] = rewrite(value, file);
      }
    }
    return out;
  };
  const body = rewrite(strip(root), id) as Json;
  return { ...body, definitions };
}

function strip(schema: Json): Json {
  const { $id: _id, $schema: _schema, "x-ts-name": _name, ...rest } = schema;
  return rest;
}
