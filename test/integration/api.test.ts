import { beforeAll, describe, expect, it } from "vitest";
import routes from "~/routes";
import { loader as itemLoader } from "~/routes/api/item";
import { loader as itemsLoader } from "~/routes/api/items";
import { loader as myCasesLoader } from "~/routes/api/my-cases";
import { OPENAPI } from "~/routes/api/openapi";
import { loader as searchLoader } from "~/routes/api/search";
import { action as trackAction } from "~/routes/api/track";
import { User } from "~/identity/models.server";
import { startSession } from "~/identity/session.server";
import { freshDatabase, itemByName } from "../support/db";

beforeAll(async () => {
  await freshDatabase();
});

const args = (url: string, init?: RequestInit, params: Record<string, string> = {}) => ({ request: new Request(`http://hall.test${url}`, init), params, context: {} });
const body = async (r: unknown) => (r as Response).json();

type RouteNode = { path?: string; children?: RouteNode[] };
function paths(nodes: RouteNode[], base = ""): string[] {
  return nodes.flatMap((n) => {
    const full = [base, n.path].filter(Boolean).join("/");
    return [full, ...paths(n.children ?? [], full)];
  });
}

describe("the JSON API for apps", () => {
  it("serves the catalog with filters and the guide of one item", async () => {
    const all = await body(await itemsLoader(args("/api/v1/items")));
    expect(all.items.length).toBeGreaterThanOrEqual(12);
    const full = await body(await itemsLoader(args("/api/v1/items?depth=full")));
    expect(full.items.length).toBeGreaterThan(0);
    expect(full.items.every((i: { badges: string[] }) => i.badges.includes("全程网办"))).toBe(true);
    const item = await itemByName("个体工商户设立登记");
    const guide = await body(await itemLoader(args(`/api/v1/items/${item.id}`, undefined, { itemId: String(item.id) })));
    expect(guide.guide.name).toBe("个体工商户设立登记");
    expect(guide.materials.length).toBeGreaterThan(0);
    const missing = (await itemLoader(args("/api/v1/items/99999", undefined, { itemId: "99999" }))) as Response;
    expect(missing.status).toBe(404);
  });

  it("searches, and answers my cases only with a session", async () => {
    const found = await body(await searchLoader(args("/api/v1/search?q=gtgsh")));
    expect(found.results[0].name).toBe("个体工商户设立登记");
    expect(((await myCasesLoader(args("/api/v1/my/cases"))) as Response).status).toBe(401);
    const citizen = (await User.findOne({ where: { username: "13912345678" } }))!;
    const cookie = (await startSession(citizen.id, null)).split(";")[0];
    expect(await body(await myCasesLoader(args("/api/v1/my/cases", { headers: { Cookie: cookie } })))).toEqual({ cases: [] });
  });

  it("tracks anonymously with clear statuses for bad input and unknown cases", async () => {
    const bad = (await trackAction(args("/api/v1/track", { method: "POST", body: "nope" }))) as Response;
    expect(bad.status).toBe(400);
    const unknown = (await trackAction(args("/api/v1/track", { method: "POST", body: JSON.stringify({ tracking: "11610924MB29755302401011700100020261127" + "0001", mobile: "13912345678" }) }))) as Response;
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatch(/未查到/);
  });

  it("describes in OpenAPI exactly the API routes the app serves", () => {
    const served = paths(routes as RouteNode[]).filter((p) => p.startsWith("api/v1/") && p !== "api/v1/openapi.json").map((p) => `/${p.slice("api/v1/".length)}`.replace(/:(\w+)/g, "{$1}"));
    expect(Object.keys(OPENAPI.paths).sort()).toEqual(served.sort());
  });
});
