import { Link } from "@remix-run/react";
import type { StatTable } from "~/stats/tables";

/**
 * One dashboard table: a caption, column headers, the first cell of each row as its row header, inside a
 * focusable wrapper that scrolls horizontally on a phone. Export links carry the page's filters.
 */
export function StatTableView({ table, exportQuery, headingLevel = 2 }: { table: StatTable; exportQuery?: string; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const id = `table-${table.key}`;
  return (
    <section aria-labelledby={`${id}-title`} data-table={table.key}>
      <Heading id={`${id}-title`}>{table.title}</Heading>
      {table.note && <p className="help">{table.note}</p>}
      {exportQuery != null && (
        <p className="actions">
          <a href={`/supervision/export?table=${table.key}&format=xlsx&${exportQuery}`} download>导出 Excel（.xlsx）</a>
          <a href={`/supervision/export?table=${table.key}&format=csv&${exportQuery}`} download>导出 CSV</a>
        </p>
      )}
      {table.rows.length === 0 ? (
        <p className="muted">暂无数据。</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby={`${id}-title`} tabIndex={0}>
          <table className="data" id={id}>
            <thead>
              <tr>{table.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i} className={table.rowClasses?.[i] ?? undefined} data-light={table.rowClasses?.[i] === "overdue" ? "red" : table.rowClasses?.[i] === "soon" ? "yellow" : undefined}>
                  {row.map((cell, j) =>
                    j === 0 ? (
                      <th key={j} scope="row">{table.links?.[i] ? <Link to={table.links[i]!}>{cell}</Link> : cell}</th>
                    ) : (
                      <td key={j}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
