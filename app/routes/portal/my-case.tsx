import { idParam } from "~/routes/params";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { actOnCase } from "~/cases/desk.server";
import { CaseActionError } from "~/cases/case-transaction.server";
import { applicantCaseDetail } from "~/cases/queries.server";
import { APPLICANT_ROLES } from "~/identity/roles";
import { requireRole } from "~/identity/session.server";
import { DocumentList, LightBadge, MaterialList, Timeline } from "~/ui/CaseParts";
import { applicantRating } from "~/evaluation/ratings.server";
import { ratingAction, RATING_INTENT } from "~/evaluation/rating-action.server";
import { RatingSection } from "~/ui/RatingSection";
import { PaymentPanel } from "~/ui/PaymentPanel";
import { applicantPaymentSummary } from "~/payments/service.server";
import { messageAction, MESSAGE_INTENT } from "~/interaction/actions.server";
import { caseThread } from "~/interaction/pages.server";
import { InteractionThread } from "~/ui/InteractionParts";

export const meta: MetaFunction = () => [{ title: "办件详情 - 紫阳县网上办事大厅" }];

async function detailOr404(user: Awaited<ReturnType<typeof requireRole>>, caseId: number) {
  try {
    return await applicantCaseDetail(user, caseId);
  } catch (error) {
    if (error instanceof CaseActionError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, APPLICANT_ROLES);
  const detail = await detailOr404(user, idParam(params.caseId));
  return { ...detail, thread: await caseThread(user, idParam(params.caseId)), payment: await applicantPaymentSummary(user, detail.case.id), evaluation: await applicantRating(user, detail.case.id) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, APPLICANT_ROLES);
  const caseId = idParam(params.caseId);
  await detailOr404(user, caseId);
  const form = await request.formData();
  if (form.get("intent") === MESSAGE_INTENT) return messageAction(user, caseId, form);
  if (form.get("intent") === RATING_INTENT) return ratingAction(user, caseId, form);
  if (form.get("intent") !== "withdraw") return data({ error: "不支持的操作" }, { status: 400 });
  try {
    await actOnCase(user, caseId, { type: "withdraw" });
    return redirect(`/my/cases/${caseId}`);
  } catch (error) {
    if (error instanceof CaseActionError) return data({ error: error.message }, { status: error.status });
    throw error;
  }
}

export default function MyCase() {
  const detail = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const c = detail.case;
  return (
    <>
      {params.get("supplemented") && <div className="notice" role="status">补正内容已提交，请等待审查。</div>}
      {params.get("submitted") && (
        <div className="notice" role="status">
          申请已提交。办件编号 <strong>{c.trackingNumber}</strong>，查询码 <strong>{c.shortNumber}</strong>，请妥善保存。
          {detail.payment?.due && <>本办件待缴费 <strong>{detail.payment.amountText}</strong>，请点击下方“去缴费”完成缴费。</>}
        </div>
      )}
      <h1>{c.itemName}</h1>
      {result?.error && <div className="error-summary" role="alert">{result.error}</div>}
      <div className="card">
        <p>办件编号：<span data-testid="tracking-number">{c.trackingNumber}</span></p>
        <p>查询码：{c.shortNumber}</p>
        <PaymentPanel caseId={c.id} payment={detail.payment} />
        <p>当前状态：<span className="state" data-testid="case-state">{c.stateLabel}</span></p>
        <p>提交时间：{c.submittedAt}　承诺办结日期：<span className={c.overdue ? "overdue" : undefined}>{c.dueDate}</span> <LightBadge light={c.light} label={c.lightLabel} /></p>
        {detail.canSupplement && (
          <p>
            <Link className="button" to={`/my/cases/${c.id}/supplement`}>补正材料</Link>
          </p>
        )}
        {detail.canWithdraw && (
          <Form method="post" onSubmit={(e) => { if (!confirm("确定撤回此申请吗？撤回后需重新提交。")) e.preventDefault(); }}>
            <button type="submit" name="intent" value="withdraw" className="secondary" disabled={busy}>撤回申请</button>
          </Form>
        )}
      </div>
      <RatingSection view={detail.evaluation} feedback={result && "rating" in result ? result.rating : null} />
      {detail.tasks.length > 0 && (
        <>
          <h2>并联审查进度</h2>
          <table className="data">
            <thead><tr><th>部门</th><th>审查内容</th><th>意见</th></tr></thead>
            <tbody>
              {detail.tasks.map((t) => (
                <tr key={t.department}><td>{t.department}</td><td>{t.task}</td><td>{t.opinion ?? "审查中"}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {detail.licences.length > 0 && (
        <>
          <h2>电子证照</h2>
          <ul>
            {detail.licences.map((l) => (
              <li key={l.number}>{l.name}，编号 {l.number}，验证码 {l.verifyCode}，发证日期 {l.issuedOn}</li>
            ))}
          </ul>
        </>
      )}
      {detail.thread && <InteractionThread messages={detail.thread.messages} intro={`有疑问可在此给${detail.thread.departmentName}留言，仅您和承办部门可见。`} />}
      <h2>我提交的材料</h2>
      <MaterialList files={detail.materials} />
      <h2>文书</h2>
      <DocumentList documents={detail.documents} />
      <h2>办理过程</h2>
      <Timeline events={detail.events} />
    </>
  );
}
