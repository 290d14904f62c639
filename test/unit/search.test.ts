import { describe, expect, it } from "vitest";
import { buildIndex, normalizeQuery, queryWords, search, suggest } from "~/catalog/search";

const index = buildIndex([
  { id: 1, name: "个体工商户设立登记", aliases: ["个体户", "个体经营"], department: "市场监督管理局", text: "经营者身份证明；经营场所使用证明" },
  { id: 2, name: "企业开办（一表式并联办理）", aliases: ["公司注册", "开公司"], department: "市场监督管理局", text: "营业执照；公司章程" },
  { id: 3, name: "食品经营许可证核发", aliases: [], department: "市场监督管理局", text: "营业执照；食品安全管理制度" },
  { id: 4, name: "个体工商户注销登记", aliases: [], department: "市场监督管理局", text: "营业执照正副本" },
  { id: 5, name: "内地居民结婚登记", aliases: ["领结婚证"], department: "民政局", text: "户口簿；身份证" },
]);
const ids = (q: string) => search(index, q).map((h) => h.id);
const marked = (q: string, id: number) =>
  search(index, q)
    .find((h) => h.id === id)!
    .highlight.filter((p) => p.match)
    .map((p) => p.text)
    .join("|");

describe("catalog search", () => {
  it("finds items by pinyin initials and full pinyin, from the start of a word", () => {
    expect(ids("gtgsh")).toEqual([1, 4]);
    expect(marked("gtgsh", 1)).toBe("个体工商户");
    expect(ids("GeTiGongShangHu")).toEqual([1, 4]);
    expect(ids("qykb")).toEqual([2]);
    expect(ids("spjy")).toEqual([3]);
    expect(ids("jhdj")).toEqual([5]);
    expect(marked("jiehun", 5)).toBe("结婚");
  });

  it("ranks name matches above aliases above guide text", () => {
    const hits = search(index, "营业执照");
    expect(hits.every((h) => h.matchedIn === "指南")).toBe(true);
    expect(search(index, "公司注册")[0]).toMatchObject({ id: 2, matchedIn: "别名" });
    expect(search(index, "登记").map((h) => h.matchedIn)).toEqual(["名称", "名称", "名称"]);
    expect(ids("结婚")[0]).toBe(5);
  });

  it("matches partial words in any order and highlights each", () => {
    expect(ids("个体 注销")).toEqual([4]);
    expect(marked("个体 注销", 4)).toBe("个体|注销");
    expect(ids("工商户")).toEqual([1, 4]);
  });

  it("prefers shorter names among equal matches, and finds nothing for noise", () => {
    expect(ids("登记")).toEqual([5, 1, 4]);
    expect(ids("")).toEqual([]);
    expect(ids("x")).toEqual([]);
    expect(ids("zzzz")).toEqual([]);
  });

  it("normalizes queries and segments Chinese words", () => {
    expect(normalizeQuery("  ＧＴＧＳＨ  ")).toBe("gtgsh");
    expect(queryWords("个体户 登记")).toEqual(["个体", "户", "登记"]);
    expect(suggest(index, "gt", 1)).toEqual([{ id: 1, name: "个体工商户设立登记", highlight: expect.any(Array) }]);
  });
});
