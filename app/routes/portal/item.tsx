import { idParam } from "~/routes/params";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { codeLabel, codeLabels } from "~/catalog/labels";
import { loadPublishedItem } from "~/catalog/service.server";
import { guideAction, guideConsultation } from "~/interaction/pages.server";
import { InteractionQuestions } from "~/ui/InteractionParts";
import type { PageHandle } from "~/ui/static-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.guide.name ?? "办事指南"} - 紫阳县网上办事大厅` }];
// Links, downloads and the question form (a plain POST; the page comes back with the result) need no
// framework: server-rendered HTML is the whole page (issue #4, item 8).
export const handle: PageHandle = { hydrate: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const published = await loadPublishedItem(idParam(params.itemId));
  if (!published) throw new Response("该事项不存在或未发布", { status: 404 });
  // Code labels are resolved here, so the code lists stay off the page's JavaScript (issue #4, item 8).
  const g = published.version.guide;
  const rows: Array<[string, string]> = [
    ["事项名称", g.name],
    ["事项类型", codeLabel("itemType", g.itemType)],
    ["基本编码", g.baseCode],
    ["实施编码", g.implementationCode],
    ["实施机关", g.implementingBody],
    ["主管部门", g.competentDepartment],
    ["实施主体性质", codeLabel("bodyNature", g.bodyNature)],
    ["权力来源", codeLabel("powerSource", g.powerSource)],
    ["行使层级", codeLabel("level", g.level)],
    ["服务对象", codeLabels("serviceObject", g.serviceObjects)],
    ["办件类型", codeLabel("caseType", g.caseType)],
    ["法定办结时限", days(published.workflow.legalDays)],
    ["承诺办结时限", days(published.workflow.promisedDays)],
    ["办理形式", codeLabels("handlingForm", g.handlingForms)],
    ["网上办理深度", g.online ? codeLabel("onlineDepth", g.onlineDepth) : "不支持网上办理"],
    ["到办事现场次数", `${g.visitsRequired} 次${g.visitReason ? `（${g.visitReason}）` : ""}`],
    ["是否收费", g.charged ? `收费${g.feeBasis ? `（依据：${g.feeBasis}）` : ""}` : "不收费"],
    ["是否支持物流快递", g.courier ? "支持" : "不支持"],
    ["是否支持网上支付", g.onlinePayment ? "支持" : "不支持"],
    ["是否进驻政务大厅", g.inHall ? "是" : "否"],
    ["通办范围", codeLabel("universalScope", g.universalScope)],
    ["联办机构", g.jointAgencies?.join("、") || "无"],
    ["审批结果", `${g.result.name}（${codeLabel("resultType", g.result.type)}）`],
    ["数量限制", g.quantityLimit ?? "无"],
    ["办理地点", g.location],
    ["办理时间", g.hours],
    ["咨询电话", g.consultPhone],
    ["监督投诉电话", g.complaintPhone],
  ];
  return {
    id: published.item.id,
    guide: g,
    rows,
    materials: published.version.materials.map((m) => ({
      ...m,
      typeLabel: codeLabel("materialType", m.type),
      sourceLabel: codeLabel("materialSource", m.source),
      necessityLabel: codeLabel("materialNecessity", m.necessity),
      formLabel: codeLabel("materialForm", m.form),
    })),
    department: published.department.name,
    orgUnit: published.orgUnit.name,
    version: published.version.version,
    consult: await guideConsultation(request, published.item.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return guideAction(request, idParam(params.itemId));
}

function days(n: number) {
  return n === 0 ? "即办" : `${n} 个工作日`;
}

export default function ItemGuide() {
  const { id, guide, rows, materials, department, orgUnit, version, consult } = useLoaderData<typeof loader>();
  return (
    <article>
      <h1>{guide.name}</h1>
      <p className="muted">
        {department} · {orgUnit === "紫阳县" ? "县政务服务中心" : `${orgUnit}分厅`} · 第 {version} 版
      </p>
      <p className="actions">
        <a className="button secondary" href={`/items/${id}/blank-form`} target="_blank" rel="noreferrer">下载申请表</a>
        {guide.online ? <Link className="button" to={`/items/${id}/apply`}>在线申请</Link> : <span className="badge">本事项请到窗口办理</span>}
      </p>
      <h2>受理条件</h2>
      <div className="card" style={{ whiteSpace: "pre-wrap" }}>{guide.conditions}</div>
      <h2>申请材料</h2>
      <div style={{ overflowX: "auto" }}>
        <table className="data">
          <thead>
            <tr><th>材料名称</th><th>类型</th><th>来源</th><th>必要性</th><th>形式</th><th>份数</th><th>说明</th></tr>
          </thead>
          <tbody>
            {materials.map((m) => (
              <tr key={m.key}>
                <td>{m.name}</td>
                <td>{m.typeLabel}</td>
                <td>{m.sourceLabel}{m.sourceDepartment ? `（${m.sourceDepartment}）` : ""}</td>
                <td>{m.necessityLabel}</td>
                <td>{m.formLabel}</td>
                <td>{m.paperCopies}</td>
                <td>
                  {[m.spec, m.fillingNotes].filter(Boolean).join("；")}
                  {m.blankForm && (
                    <span className="actions">
                      <a href={`/items/${id}/blank-form`} target="_blank" rel="noreferrer">下载空白表格</a>
                      {m.sample && <a href={`/items/${id}/blank-form?sample=1`} target="_blank" rel="noreferrer">查看样表</a>}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {guide.fees && guide.fees.length > 0 && (
        <>
          <h2>收费标准</h2>
          <table className="data">
            <thead><tr><th>收费项目</th><th>标准</th><th>金额（元）</th><th>依据</th><th>可否减免</th></tr></thead>
            <tbody>
              {guide.fees.map((f) => (
                <tr key={f.name}><td>{f.name}</td><td>{f.standard}</td><td>{f.amount}</td><td>{f.basis}</td><td>{f.waivable ? "可减免" : "不可减免"}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>办理流程</h2>
      <ol>
        {guide.processSteps.map((s) => (
          <li key={s.name}><strong>{s.name}</strong>：{s.description}</li>
        ))}
      </ol>
      <h2>设定和实施依据</h2>
      <ul>{guide.legalBasis.map((b) => <li key={b}>{b}</li>)}</ul>
      <h2>基本信息</h2>
      <dl className="guide">
        {rows.map(([k, v]) => (
          <div key={k} style={{ display: "contents" }}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <InteractionQuestions {...consult} />
    </article>
  );
}
