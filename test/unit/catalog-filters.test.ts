import { describe, expect, it } from "vitest";
import { filterCatalog, groupByDepartment, parseCatalogFilter, serviceBadges, themeCounts, type CatalogEntry } from "~/catalog/filters";

const entry = (id: number, over: Partial<CatalogEntry>): CatalogEntry => ({
  id,
  name: `事项${id}`,
  departmentCode: "scjg",
  departmentName: "市场监督管理局",
  orgUnitCode: "610924",
  orgUnitName: "紫阳县",
  popular: false,
  serviceObjects: ["1"],
  personalThemes: [],
  legalThemes: [],
  onlineDepth: "3",
  online: true,
  visitsRequired: 1,
  ...over,
});

const ENTRIES = [
  entry(1, { serviceObjects: ["1", "2"], personalThemes: ["就业创业"], legalThemes: ["设立变更"], onlineDepth: "4", visitsRequired: 0 }),
  entry(2, { serviceObjects: ["2"], legalThemes: ["准营准办"], departmentCode: "wsjk", departmentName: "卫生健康局" }),
  entry(3, { personalThemes: ["婚姻登记"], visitsRequired: 2, online: false, onlineDepth: "1" }),
  entry(4, { personalThemes: ["社会保障"], orgUnitCode: "610924100", orgUnitName: "城关镇", departmentCode: "cgz", departmentName: "城关镇" }),
];
const ids = (f: Parameters<typeof filterCatalog>[1]) => filterCatalog(ENTRIES, f).map((e) => e.id);

describe("catalog filters", () => {
  it("filters by audience, theme, department, depth, visits and branch hall", () => {
    expect(ids({})).toEqual([1, 2, 3, 4]);
    expect(ids({ audience: "personal" })).toEqual([1, 3, 4]);
    expect(ids({ audience: "legal" })).toEqual([1, 2]);
    expect(ids({ audience: "legal", theme: "设立变更" })).toEqual([1]);
    expect(ids({ department: "wsjk" })).toEqual([2]);
    expect(ids({ depth: "full" })).toEqual([1]);
    expect(ids({ visits: "zero" })).toEqual([1]);
    expect(ids({ visits: "once" })).toEqual([1, 2, 4]);
    expect(ids({ orgUnit: "610924100" })).toEqual([4]);
  });

  it("counts themes per audience and names the service badges", () => {
    expect(themeCounts(ENTRIES, "personal").map((t) => t.theme).sort()).toEqual(["婚姻登记", "就业创业", "社会保障"].sort());
    expect(themeCounts(ENTRIES, "legal")).toEqual([
      { theme: "准营准办", count: 1 },
      { theme: "设立变更", count: 1 },
    ].sort((a, b) => a.theme.localeCompare(b.theme, "zh")));
    expect(serviceBadges(ENTRIES[0])).toEqual(["全程网办", "零跑腿"]);
    expect(serviceBadges(ENTRIES[1])).toEqual(["最多跑一次"]);
    expect(serviceBadges(ENTRIES[2])).toEqual([]);
    expect(groupByDepartment(ENTRIES).map((g) => [g.code, g.items.length])).toEqual([["scjg", 2], ["wsjk", 1], ["cgz", 1]]);
  });

  it("ignores unknown filter values from the query string", () => {
    expect(parseCatalogFilter(new URLSearchParams("audience=x&depth=2&visits=many&theme=%20设立变更%20"))).toEqual({
      audience: undefined, theme: "设立变更", department: undefined, depth: undefined, visits: undefined, orgUnit: undefined,
    });
  });
});
