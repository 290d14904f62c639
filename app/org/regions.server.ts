import { OrgUnit } from "./models.server";

/** The province and city this hall's county belongs to (the org-unit tree starts at the county). */
const PROVINCE = "陕西省";
const CITY = "安康市";

export interface RegionTree {
  /** 省 → 市 → 县（区）→ 乡镇（街道） */
  [province: string]: { [city: string]: { [county: string]: string[] } };
}

/** The address choices for forms: the county and its towns (not retired) from the org units, under its province and city. */
export async function regionTree(): Promise<RegionTree> {
  const units = await OrgUnit.findAll({ where: { retiredAt: null }, order: [["code", "ASC"]] });
  const counties = units.filter((u) => u.parentId === null);
  const tree: RegionTree = { [PROVINCE]: { [CITY]: {} } };
  for (const county of counties) tree[PROVINCE][CITY][county.name] = units.filter((u) => u.parentId === county.id && u.level === "town").map((u) => u.name);
  return tree;
}

/** The villages and communities (not retired) of each town, by the town's name: the address's fifth level. */
export async function villageChoices(): Promise<Record<string, string[]>> {
  const units = await OrgUnit.findAll({ where: { retiredAt: null, level: ["town", "village"] }, order: [["code", "ASC"]] });
  const towns = new Map(units.filter((u) => u.level === "town").map((u) => [u.id, u.name]));
  const out: Record<string, string[]> = {};
  for (const v of units) {
    const town = v.level === "village" && v.parentId != null ? towns.get(v.parentId) : undefined;
    if (town) (out[town] ??= []).push(v.name);
  }
  return out;
}
