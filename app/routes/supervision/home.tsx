import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { countCasesByState } from "~/cases/queries.server";
import { requireRole } from "~/identity/session.server";

export const meta: MetaFunction = () => [{ title: "电子监察 - 紫阳县网上办事大厅" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["supervisor"]);
  return { states: await countCasesByState() };
}

export default function Supervision() {
  const { states } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>电子监察</h1>
      <p className="muted">全县办件按状态统计（只读）。</p>
      <p><a href="/supervision/ratings">好差评监察：各部门评价统计与差评整改</a></p>
      <table className="data">
        <tbody>{states.map((s) => <tr key={s.state}><th>{s.label}</th><td data-testid={`count-${s.state}`}>{s.count}</td></tr>)}</tbody>
      </table>
    </>
  );
}
