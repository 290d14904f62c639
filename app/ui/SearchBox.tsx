import { Form, Link, useFetcher } from "@remix-run/react";
import { useEffect, useId, useState } from "react";
import { Highlight } from "./Highlight";
import { SUGGEST_SCRIPT } from "./suggest-script";

interface Suggestion {
  id: number;
  name: string;
  highlight: Array<{ text: string; match: boolean }>;
}

/**
 * The catalog search box: a plain GET form (works without JavaScript) with suggestions while typing — from
 * React when the page is hydrated, from a small inline script right after the form when it is not: a route
 * with `handle = { hydrate: false }` passes `staticPage` (a prop, not a shared hook, so the form page's
 * JavaScript does not carry an extra chunk).
 */
export function SearchBox({ defaultValue = "", staticPage = false }: { defaultValue?: string; staticPage?: boolean }) {
  const id = useId();
  const [query, setQuery] = useState(defaultValue);
  const fetcher = useFetcher<{ results: Suggestion[] }>();
  useEffect(() => {
    if (query.trim().length < 1) return;
    const timer = setTimeout(() => fetcher.load(`/api/v1/search?suggest=1&q=${encodeURIComponent(query)}`), 200);
    return () => clearTimeout(timer);
  }, [query]);
  const suggestions = query.trim() ? fetcher.data?.results ?? [] : [];
  return (
    <>
      <Form method="get" action="/search" role="search" className="search-box">
        <label htmlFor={id}>搜索办事事项</label>
        <div className="actions">
          <input
            id={id}
            name="q"
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="输入事项名称、关键词或拼音首字母，如 gtgsh"
            autoComplete="off"
            aria-describedby={`${id}-hint`}
          />
          <button type="submit">搜索</button>
        </div>
        <div id={`${id}-hint`} className="help">支持汉字、全拼和拼音首字母</div>
        {suggestions.length > 0 && (
          <ul className="suggestions" aria-label="搜索建议">
            {suggestions.map((s) => (
              <li key={s.id}>
                <Link to={`/items/${s.id}`}>
                  <Highlight pieces={s.highlight} />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Form>
      {import.meta.env.SSR && staticPage && <script dangerouslySetInnerHTML={{ __html: SUGGEST_SCRIPT }} />}
    </>
  );
}
