import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { filterCatalog } from "~/catalog/filters";
import { catalogEntries, halls } from "~/catalog/service.server";
import { CatalogList } from "~/ui/CatalogList";
import type { PageHandle } from "~/ui/static-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.hall.name ?? ""}分厅 - 紫阳县网上办事大厅` }];
// Plain links only: server-rendered HTML is the whole page (issue #4, item 8).
export const handle: PageHandle = { hydrate: false };

/** A town's branch hall (分厅): the items implemented at that town, linked back to the county hall. */
export async function loader({ params }: LoaderFunctionArgs) {
  const hallList = await halls();
  const hall = hallList.find((h) => h.code === params.code && h.level === "town");
  if (!hall) throw new Response("该分厅不存在", { status: 404 });
  const county = hallList.find((h) => h.level === "county")!;
  return { hall, countyCode: county.code, countyName: county.name, entries: filterCatalog(await catalogEntries(), { orgUnit: hall.code }) };
}

export default function BranchHall() {
  const { hall, countyCode, countyName, entries } = useLoaderData<typeof loader>();
  return (
    <>
      <p><Link to="/">← 返回{countyName}网上办事大厅（县级事项）</Link></p>
      <h1>{hall.name}分厅</h1>
      <p className="muted">以下事项由{hall.name}实施，可在网上申请，也可到{hall.name}便民服务中心办理。县级部门的事项请到县大厅办理。</p>
      <CatalogList entries={entries} countyCode={countyCode} />
      {entries.length === 0 && <p>本分厅暂无在线办理事项，请到<Link to="/">县大厅</Link>查看。</p>}
    </>
  );
}
