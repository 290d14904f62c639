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
