import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { myCases } from "~/cases/queries.server";
import { APPLICANT_ROLES } from "~/identity/roles";
import { requireRole } from "~/identity/session.server";
import { CaseTable } from "~/ui/CaseParts";
import { applicantUnread } from "~/interaction/messages.server";
import { InteractionUnread } from "~/ui/InteractionParts";

export const meta: MetaFunction = () => [{ title: "我的办件 - 紫阳县网上办事大厅" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, APPLICANT_ROLES);
  return { name: user.name, cases: await myCases(user), unread: await applicantUnread(user) };
}

export default function MyCases() {
  const { name, cases, unread } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{name}的办件</h1>
      <InteractionUnread total={unread.total} cases={cases.filter((c) => unread.byCase[c.id]).map((c) => ({ ...c, unread: unread.byCase[c.id] }))} />
      <CaseTable cases={cases} linkTo={(id) => `/my/cases/${id}`} />
      <p><Link to="/">去办事</Link></p>
    </>
  );
}
