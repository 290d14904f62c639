import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { filterCatalog, parseCatalogFilter, themeCounts } from "~/catalog/filters";
import { catalogEntries, halls } from "~/catalog/service.server";
import { CatalogList } from "~/ui/CatalogList";
import { SearchBox } from "~/ui/SearchBox";
import type { PageHandle } from "~/ui/static-page";

export const meta: MetaFunction = () => [{ title: "紫阳县网上办事大厅" }];
// Plain links and a GET filter form: server-rendered HTML is the whole page (issue #4, item 8).
export const handle: PageHandle = { hydrate: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const filter = parseCatalogFilter(new URL(request.url).searchParams);
  const [all, hallList] = await Promise.all([catalogEntries(), halls()]);
  const county = hallList.find((h) => h.level === "county")!;
  return {
    filter,
    countyCode: county.code,
    entries: filterCatalog(all, { ...filter, orgUnit: undefined }),
    popular: all.filter((e) => e.popular),
    themes: filter.audience ? themeCounts(all, filter.audience) : [],
    departments: [...new Map(all.map((e) => [e.departmentCode, e.departmentName])).entries()].map(([code, name]) => ({ code, name })),
    towns: hallList.filter((h) => h.level === "town"),
    filtered: Object.values(filter).some(Boolean),
  };
}

const AUDIENCES = [
  { key: "personal", label: "个人办事" },
  { key: "legal", label: "法人办事" },
] as const;

export default function Home() {
  const d = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const link = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) v === null ? next.delete(k) : next.set(k, v);
    const query = next.toString();
    return query ? `/?${query}` : "/";
  };
  return (
    <>
      <section className="card">
        <SearchBox staticPage={handle.hydrate === false} />
      </section>
      <nav aria-label="办事对象" className="actions" style={{ marginBottom: 12 }}>
        <Link to="/" className={`button${d.filter.audience ? " secondary" : ""}`}>全部事项</Link>
        {AUDIENCES.map((a) => (
          <Link key={a.key} to={link({ audience: a.key, theme: null })} className={`button${d.filter.audience === a.key ? "" : " secondary"}`} aria-current={d.filter.audience === a.key ? "page" : undefined}>
            {a.label}
          </Link>
        ))}
      </nav>
      {d.themes.length > 0 && (
        <nav aria-label="主题" className="chips">
          {d.themes.map((t) => (
            <Link key={t.theme} to={link({ theme: d.filter.theme === t.theme ? null : t.theme })} aria-current={d.filter.theme === t.theme ? "true" : undefined}>
              {t.theme}（{t.count}）
            </Link>
          ))}
        </nav>
      )}
      <Form method="get" className="card" aria-label="筛选事项">
        {d.filter.audience && <input type="hidden" name="audience" value={d.filter.audience} />}
        {d.filter.theme && <input type="hidden" name="theme" value={d.filter.theme} />}
        <div className="actions">
          <div>
            <label htmlFor="department">部门</label>
            <select id="department" name="department" defaultValue={d.filter.department ?? ""}>
              <option value="">全部部门</option>
              {d.departments.map((dep) => <option key={dep.code} value={dep.code}>{dep.name}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="visits">跑动次数</label>
            <select id="visits" name="visits" defaultValue={d.filter.visits ?? ""}>
              <option value="">不限</option>
              <option value="zero">零跑腿</option>
              <option value="once">最多跑一次</option>
            </select>
          </div>
          <label style={{ display: "flex", gap: 8, alignItems: "center", minHeight: 44 }}>
            <input type="checkbox" name="depth" value="full" defaultChecked={d.filter.depth === "full"} /> 只看全程网办（Ⅳ级）
          </label>
        </div>
        <p><button type="submit" className="secondary">筛选</button></p>
      </Form>
      {!d.filtered && d.popular.length > 0 && (
        <section className="card" aria-labelledby="popular">
          <h2 id="popular">热门事项</h2>
          <ul className="items">
            {d.popular.map((item) => (
              <li key={item.id}>
                <Link to={`/items/${item.id}`}>{item.name}</Link>
                <span className="badge">{item.departmentName}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <h1>{d.filtered ? `筛选结果（${d.entries.length} 项）` : "按部门办事"}</h1>
      <CatalogList entries={d.entries} countyCode={d.countyCode} />
      <section className="card" aria-labelledby="towns">
        <h2 id="towns">镇（街道）分厅</h2>
        <p className="chips">
          {d.towns.map((t) => <Link key={t.code} to={`/halls/${t.code}`}>{t.name}</Link>)}
        </p>
      </section>
    </>
  );
}
