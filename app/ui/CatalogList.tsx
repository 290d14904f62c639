import { Link } from "@remix-run/react";
import { groupByDepartment, serviceBadges, type CatalogEntry } from "~/catalog/filters";

/** Items grouped by department, with their service badges and branch hall. */
export function CatalogList({ entries, countyCode }: { entries: CatalogEntry[]; countyCode: string }) {
  if (!entries.length) return <p className="muted">没有符合条件的事项。</p>;
  return (
    <div className="grid">
      {groupByDepartment(entries).map((d) => (
        <section className="card" key={d.code} aria-labelledby={`dept-${d.code}`}>
          <h2 id={`dept-${d.code}`}>{d.name}</h2>
          <ul className="items">
            {d.items.map((item) => (
              <li key={item.id}>
                <Link to={`/items/${item.id}`}>{item.name}</Link>
                {serviceBadges(item).map((b) => <span key={b} className="badge ok">{b}</span>)}
                {item.orgUnitCode !== countyCode && <Link to={`/halls/${item.orgUnitCode}`} className="badge">{item.orgUnitName}分厅</Link>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
