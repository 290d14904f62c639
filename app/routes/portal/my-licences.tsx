import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { APPLICANT_ROLES } from "~/identity/roles";
import { requireRole } from "~/identity/session.server";
import { myLicences } from "~/licences/queries.server";

export const meta: MetaFunction = () => [{ title: "我的电子证照 - 紫阳县网上办事大厅" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, APPLICANT_ROLES);
  return { licences: await myLicences(user) };
}

export default function MyLicences() {
  const { licences } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>我的电子证照</h1>
      {licences.length === 0 ? (
        <p className="muted">暂无电子证照。办结的许可事项核发的证照会自动归集到这里。</p>
      ) : (
        <div className="grid">
          {licences.map((l) => (
            <section key={l.id} className="card" aria-label={l.name}>
              <h2>{l.name}</h2>
              <p>证照编号：{l.number}</p>
              <p>持证主体：{l.holderName}</p>
              <p>发证机关：{l.department}　发证日期：{l.issuedOn}</p>
              <p>验证码：{l.verifyCode}（<Link to={`/licences/verify?code=${l.verifyCode}`}>核验</Link>）</p>
              <p><Link to={`/my/cases/${l.caseId}`}>查看办件</Link></p>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
