import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { catalogByDepartment } from "~/catalog/service.server";
import { SearchBox } from "~/ui/SearchBox";

export const meta: MetaFunction = () => [{ title: "事项目录 - 紫阳县网上办事大厅" }];

export async function loader() {
  return { departments: await catalogByDepartment() };
}

export default function Home() {
  const { departments } = useLoaderData<typeof loader>();
  const popular = departments.flatMap((d) => d.items).filter((i) => i.popular);
  return (
    <>
      <section className="card">
        <SearchBox />
      </section>
      <h1>按部门办事</h1>
      {popular.length > 0 && (
        <section className="card" aria-labelledby="popular">
          <h2 id="popular">热门事项</h2>
          <ul className="items">
            {popular.map((item) => (
              <li key={item.id}>
                <Link to={`/items/${item.id}`}>{item.name}</Link>
                <span className="badge">{item.departmentName}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="grid">
        {departments.map((d) => (
          <section className="card" key={d.code} aria-labelledby={`dept-${d.code}`}>
            <h2 id={`dept-${d.code}`}>{d.name}</h2>
            <ul className="items">
              {d.items.map((item) => (
                <li key={item.id}>
                  <Link to={`/items/${item.id}`}>{item.name}</Link>
                  {item.orgUnitName !== "紫阳县" && <span className="badge">{item.orgUnitName}分厅</span>}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </>
  );
}
