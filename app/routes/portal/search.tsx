import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { searchCatalog } from "~/catalog/search.server";
import { Highlight } from "~/ui/Highlight";
import { SearchBox } from "~/ui/SearchBox";
import type { PageHandle } from "~/ui/static-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.q ? `“${data.q}”的` : ""}搜索结果 - 紫阳县网上办事大厅` }];
// A GET form and links: server-rendered HTML is the whole page (issue #4, item 8).
export const handle: PageHandle = { hydrate: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const q = new URL(request.url).searchParams.get("q")?.slice(0, 50) ?? "";
  return { q, results: q.trim() ? await searchCatalog(q) : [] };
}

export default function Search() {
  const { q, results } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>事项搜索</h1>
      <SearchBox key={q} defaultValue={q} staticPage={handle.hydrate === false} />
      {q.trim() && (
        <p role="status">
          找到 {results.length} 个与“{q}”相关的事项
        </p>
      )}
      <ul className="items">
        {results.map((r) => (
          <li key={r.id}>
            <Link to={`/items/${r.id}`}>
              <Highlight pieces={r.highlight} />
            </Link>
            <span className="badge">{r.department}</span>
            {r.matchedIn !== "名称" && <span className="badge">匹配：{r.matchedIn}</span>}
          </li>
        ))}
      </ul>
      {q.trim() && results.length === 0 && <p className="muted">没有找到相关事项。可以试试更短的关键词，或拼音首字母。</p>}
    </>
  );
}
