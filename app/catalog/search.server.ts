import { Op } from "sequelize";
import { ItemVersion, ServiceItem } from "./models.server";
import { buildIndex, search, suggest, type SearchDoc, type SearchIndex } from "./search";
import { departmentNames } from "~/org/names.server";

let cached: { signature: string; index: SearchIndex } | null = null;

/** What the index is built from: changes whenever an item is published or withdrawn. */
async function signature(): Promise<string> {
  const [count, max] = await Promise.all([
    ServiceItem.count({ where: { publishedVersionId: { [Op.ne]: null } } }),
    ServiceItem.max<number, ServiceItem>("publishedVersionId"),
  ]);
  return `${count}:${max ?? 0}`;
}

export async function searchDocs(): Promise<SearchDoc[]> {
  const items = await ServiceItem.findAll({ where: { publishedVersionId: { [Op.ne]: null } }, attributes: ["id", "name", "departmentId", "publishedVersionId"] });
  const versions = new Map(
    (await ItemVersion.findAll({ where: { id: items.map((i) => i.publishedVersionId!) }, attributes: ["id", "guide", "materials"] })).map((v) => [v.id, v]),
  );
  const departments = await departmentNames();
  return items.map((item) => {
    const version = versions.get(item.publishedVersionId!)!;
    return {
      id: item.id,
      name: item.name,
      aliases: version.guide.aliases ?? [],
      department: departments.get(item.departmentId) ?? "",
      text: [version.guide.conditions, version.guide.result.name, ...version.materials.map((m) => m.name)].join("\n"),
    };
  });
}

let checked: { at: number; signature: string } | null = null;
/** How long a check of the catalog's signature is trusted: a publication shows in search within a second. */
const SIGNATURE_TTL_MS = 1_000;

/** The catalog's search index, rebuilt only when the published catalog changed. */
export async function catalogIndex(): Promise<SearchIndex> {
  if (!checked || Date.now() - checked.at > SIGNATURE_TTL_MS) checked = { at: Date.now(), signature: await signature() };
  const current = checked.signature;
  if (cached?.signature !== current) cached = { signature: current, index: buildIndex(await searchDocs()) };
  return cached.index;
}

export async function searchCatalog(query: string, limit = 20) {
  return search(await catalogIndex(), query, limit);
}

export async function suggestCatalog(query: string) {
  return suggest(await catalogIndex(), query);
}
