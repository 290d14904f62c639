import type { LegalTheme, PersonalTheme, ServiceObjectCode } from "~/schemas/types.generated";

/** One published item as the catalog pages list it. */
export interface CatalogEntry {
  id: number;
  name: string;
  departmentCode: string;
  departmentName: string;
  orgUnitCode: string;
  orgUnitName: string;
  popular: boolean;
  serviceObjects: ServiceObjectCode[];
  personalThemes: PersonalTheme[];
  legalThemes: LegalTheme[];
  onlineDepth: string;
  online: boolean;
  visitsRequired: number;
}

export interface CatalogFilter {
  /** 个人办事 ("personal") or 法人办事 ("legal"). */
  audience?: "personal" | "legal";
  theme?: string;
  department?: string;
  /** "full": Ⅳ级 全程网办 only. */
  depth?: "full";
  /** "zero": 零跑腿 (0 visits); "once": 最多跑一次 (≤ 1 visit). */
  visits?: "zero" | "once";
  orgUnit?: string;
}

export function parseCatalogFilter(params: URLSearchParams): CatalogFilter {
  const pick = <T extends string>(name: string, allowed: readonly T[]) => (allowed.includes(params.get(name) as T) ? (params.get(name) as T) : undefined);
  const text = (name: string) => params.get(name)?.trim().slice(0, 30) || undefined;
  return {
    audience: pick("audience", ["personal", "legal"] as const),
    theme: text("theme"),
    department: text("department"),
    depth: pick("depth", ["full"] as const),
    visits: pick("visits", ["zero", "once"] as const),
    orgUnit: text("orgUnit"),
  };
}

export function filterCatalog(entries: readonly CatalogEntry[], f: CatalogFilter): CatalogEntry[] {
  return entries.filter((e) => {
    if (f.audience === "personal" && !e.serviceObjects.includes("1")) return false;
    if (f.audience === "legal" && !e.serviceObjects.includes("2")) return false;
    if (f.theme && !(e.personalThemes as string[]).includes(f.theme) && !(e.legalThemes as string[]).includes(f.theme)) return false;
    if (f.department && e.departmentCode !== f.department) return false;
    if (f.depth === "full" && !(e.online && e.onlineDepth === "4")) return false;
    if (f.visits === "zero" && e.visitsRequired !== 0) return false;
    if (f.visits === "once" && e.visitsRequired > 1) return false;
    if (f.orgUnit && e.orgUnitCode !== f.orgUnit) return false;
    return true;
  });
}

/** The themes in use for an audience, with how many items each has, for the theme tabs. */
export function themeCounts(entries: readonly CatalogEntry[], audience: "personal" | "legal"): Array<{ theme: string; count: number }> {
  const counts = new Map<string, number>();
  for (const e of entries) for (const t of audience === "personal" ? e.personalThemes : e.legalThemes) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([theme, count]) => ({ theme, count })).sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme, "zh"));
}

/** Badges an item earns: Ⅳ级 全程网办, 零跑腿 / 最多跑一次. */
export function serviceBadges(e: Pick<CatalogEntry, "online" | "onlineDepth" | "visitsRequired">): string[] {
  const badges: string[] = [];
  if (e.online && e.onlineDepth === "4") badges.push("全程网办");
  if (e.visitsRequired === 0) badges.push("零跑腿");
  else if (e.visitsRequired === 1) badges.push("最多跑一次");
  return badges;
}

/** Entries grouped by department, departments in first-appearance order. */
export function groupByDepartment(entries: readonly CatalogEntry[]): Array<{ code: string; name: string; items: CatalogEntry[] }> {
  const groups = new Map<string, { code: string; name: string; items: CatalogEntry[] }>();
  for (const e of entries) {
    const group = groups.get(e.departmentCode) ?? { code: e.departmentCode, name: e.departmentName, items: [] };
    group.items.push(e);
    groups.set(e.departmentCode, group);
  }
  return [...groups.values()];
}
