import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ReactNode } from "react";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { CaseActionError } from "~/cases/case-transaction.server";
import { actOnCase, type DeskEvent } from "~/cases/desk.server";
import { reviewerCaseDetail } from "~/cases/queries.server";
import { giveOpinion } from "~/cases/review.server";
import { assignTask, departmentReviewers } from "~/cases/workbench.server";
import { requireDepartmentStaff } from "~/identity/session.server";
import { idParam } from "~/routes/params";
import { DocumentList, LightBadge, MaterialList, Timeline } from "~/ui/CaseParts";
import { staffPaymentLabel } from "~/payments/service.server";
import { messageAction, MESSAGE_INTENT } from "~/interaction/actions.server";
import { caseThread } from "~/interaction/pages.server";
import { InteractionThread } from "~/ui/InteractionParts";

export const meta: MetaFunction = () => [{ title: "办件审查 - 紫阳县网上办事大厅" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireDepartmentStaff(request, ["reviewer"]);
  try {
    const [detail, reviewers] = await Promise.all([reviewerCaseDetail(user, idParam(params.caseId)), departmentReviewers(user)]);
    return { ...detail, reviewers, me: user.id, thread: await caseThread(user, detail.case.id), payment: await staffPaymentLabel(detail.case.id) };
  } catch (error) {
    if (error instanceof CaseActionError) throw new Response(error.message, { status: error.status });
    throw error;
  }
}

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

/** Form intent → desk event of the lead department. */
function deskEvent(intent: string, form: FormData): DeskEvent | null {
  switch (intent) {
    case "accept":
      return { type: "accept" };
    case "refuse":
      return { type: "refuse", reason: text(form, "reason") };
    case "supplement":
      return { type: "request_supplement", missing: text(form, "reason").split(/\r?\n/) };
    case "extend":
      return { type: "extend", reason: text(form, "reason") };
    case "approve":
      return { type: "decide", decision: "approve" };
    case "deny":
      return { type: "decide", decision: "deny", reason: text(form, "reason") };
    case "certify":
      return { type: "certify" };
    case "deliver_window":
      return { type: "deliver", method: "window" };
    case "deliver_courier":
      return { type: "deliver", method: "courier", courierCompany: text(form, "courierCompany"), courierTracking: text(form, "courierTracking") };
    case "complete":
      return { type: "complete" };
    default:
      return null;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireDepartmentStaff(request, ["reviewer"]);
  const caseId = idParam(params.caseId);
  const form = await request.formData();
  const intent = text(form, "intent");
  if (intent === MESSAGE_INTENT) return messageAction(user, caseId, form);
  try {
    if (intent === "claim" || intent === "assign") {
      const taskId = Number(text(form, "taskId"));
      await assignTask(user, taskId, intent === "claim" ? user.id : Number(text(form, "assigneeId")));
    } else if (intent === "agree" || intent === "disagree" || intent === "transfer") {
      await giveOpinion(user, { caseId, opinion: intent, reason: text(form, "reason") });
    } else {
      const event = deskEvent(intent, form);
      if (!event) return data({ error: "不支持的操作" }, { status: 400 });
      await actOnCase(user, caseId, event);
    }
  } catch (error) {
    if (error instanceof CaseActionError) return data({ error: error.message }, { status: error.status });
    throw error;
  }
  // Post/redirect/get: a reload does not repeat the action, and the page shows the state after it.
  return redirect(`/workbench/cases/${caseId}?done=${intent}`);
}

const DONE_MESSAGES: Record<string, string> = {
  accept: "已受理，并联审查任务已分送各部门",
  refuse: "已作出不予受理决定",
  supplement: "已一次性告知补正",
  agree: "审查意见已提交",
  disagree: "审查意见已提交",
  transfer: "审查意见已提交",
  extend: "已延期",
  approve: "已作出准予许可决定",
  deny: "已作出不予许可决定",
  certify: "制证完成",
  deliver_window: "已登记窗口领取",
  deliver_courier: "已登记快递寄出",
  complete: "已办结",
  claim: "已认领本部门的审查任务",
  assign: "已指派",
};

/** One step of the lead department's work on the case, as a titled card. */
function StepSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

export default function ReviewCase() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const done = DONE_MESSAGES[useSearchParams()[0].get("done") ?? ""];
  const Button = ({ intent, label, secondary }: { intent: string; label: string; secondary?: boolean }) => (
    <button type="submit" name="intent" value={intent} className={secondary ? "secondary" : undefined} disabled={busy}>{label}</button>
  );
  return (
    <>
      <p><Link to="/workbench">← 返回工作台</Link></p>
      <h1>{d.itemName}</h1>
      {result?.error && <div className="error-summary" role="alert">{result.error}</div>}
      {done && !result?.error && <div className="notice" role="status">{done}</div>}
      <div className="card">
        <p>办件编号：{d.case.trackingNumber}</p>
        <p>申请人：{d.case.applicantName}（{d.case.applicantMobile}）　提交时间：{d.case.submittedAt}</p>
        <p>
          当前状态：<span className="state" data-testid="case-state">{d.case.stateLabel}</span>　承诺办结日期：{d.case.dueDate} <LightBadge light={d.case.light} label={d.case.lightLabel} />
        </p>
        {d.joinOutcome && <p>各部门意见汇总：{d.joinOutcome}</p>}
        {d.extension && <p>已延期 {d.extension.days} 个工作日：{d.extension.reason}</p>}
        {d.delivery && <p>送达方式：{d.delivery}</p>}
        {d.payment && <p data-testid="payment-state">缴费情况：{d.payment}</p>}
        {d.myTask && <p>本部门任务：{d.myTask.task}，答复期限 {d.myTask.dueDate}{d.myTask.opinion ? `，意见：${d.myTask.opinion}` : ""}</p>}
        {d.myTask?.state === "pending" && (
          <div className="actions">
            <span>承办人：{d.reviewers.find((r) => r.id === d.myTask?.assigneeId)?.name ?? "未认领"}</span>
            {d.myTask.assigneeId == null && (
              <Form method="post">
                <input type="hidden" name="taskId" value={d.myTask.id} />
                <Button intent="claim" label="认领" secondary />
              </Form>
            )}
            <Form method="post" className="actions">
              <input type="hidden" name="taskId" value={d.myTask.id} />
              <label htmlFor="assignee" className="visually-hidden">指派给</label>
              <select id="assignee" name="assigneeId" defaultValue={d.myTask.assigneeId ?? ""}>
                {d.reviewers.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
              </select>
              <Button intent="assign" label="指派" secondary />
            </Form>
          </div>
        )}
      </div>

      {d.leadStep === "accept" && (
        <StepSection id="accept" title="预审与受理">
          <Form method="post"><p><Button intent="accept" label="受理" /></p></Form>
          <Form method="post">
            <label htmlFor="refuse-reason">不予受理理由 / 需补正的材料（每行一项）</label>
            <textarea id="refuse-reason" name="reason" />
            <div className="actions">
              <Button intent="refuse" label="不予受理" secondary />
              <Button intent="supplement" label="一次性告知补正" secondary />
            </div>
          </Form>
        </StepSection>
      )}

      {d.canGiveOpinion && (
        <section className="card" aria-labelledby="opinion-heading">
          <h2 id="opinion-heading">审查意见（{d.myTask?.task}）</h2>
          <Form method="post">
            <label htmlFor="opinion-reason">意见说明（不同意、转报时必填）</label>
            <textarea id="opinion-reason" name="reason" />
            <div className="actions">
              <Button intent="agree" label="同意" />
              <Button intent="disagree" label="不同意" secondary />
              <Button intent="transfer" label="转报" secondary />
            </div>
          </Form>
        </section>
      )}

      {d.leadStep === "decide" && (
        <StepSection id="decide" title="作出决定">
          <Form method="post">
            <label htmlFor="decide-reason">不予许可的理由（不予许可时必填）</label>
            <textarea id="decide-reason" name="reason" />
            <div className="actions">
              <Button intent="approve" label="准予许可" />
              <Button intent="deny" label="不予许可" secondary />
            </div>
          </Form>
        </StepSection>
      )}

      {d.leadStep === "certify" && (
        <StepSection id="certify" title="制证">
          <Form method="post"><Button intent="certify" label="制证（签发电子证照）" /></Form>
        </StepSection>
      )}

      {d.leadStep === "deliver" && (
        <StepSection id="deliver" title="送达">
          <p>申请人选择：{d.requestedDelivery}</p>
          <Form method="post"><p><Button intent="deliver_window" label="申请人已窗口领取" /></p></Form>
          {d.courierAllowed && (
            <Form method="post">
              <label htmlFor="courier-company">快递公司</label>
              <input id="courier-company" name="courierCompany" type="text" placeholder="例如：中国邮政EMS" />
              <label htmlFor="courier-tracking">运单号</label>
              <input id="courier-tracking" name="courierTracking" type="text" />
              <p><Button intent="deliver_courier" label="快递寄出" secondary /></p>
            </Form>
          )}
        </StepSection>
      )}

      {d.leadStep === "complete" && (
        <StepSection id="complete" title="办结">
          <Form method="post"><Button intent="complete" label="办结" /></Form>
        </StepSection>
      )}

      {(d.canExtend || d.canSupplementRequest) && (
        <details className="card">
          <summary>补正或延期</summary>
          <Form method="post">
            <label htmlFor="pause-reason">需补充的材料（每行一项，暂停计时）或延期理由</label>
            <textarea id="pause-reason" name="reason" />
            <div className="actions">
              {d.canSupplementRequest && <Button intent="supplement" label="告知补充材料（暂停计时）" secondary />}
              {d.canExtend && <Button intent="extend" label={`延期 ${d.extensionDays} 个工作日`} secondary />}
            </div>
          </Form>
        </details>
      )}

      {d.thread && <InteractionThread messages={d.thread.messages} intro="与申请人的留言，仅申请人和本部门可见。" />}

      <h2>申请材料</h2>
      <MaterialList files={d.materials} />
      <h2>申请表</h2>
      {d.sections.map((s) => (
        <section key={s.key} className={`card${s.mine ? " mine" : ""}`} aria-label={s.title}>
          <h3>{s.title}{s.mine ? "（本部门审查）" : "（只读）"}</h3>
          <table className="data">
            <tbody>
              {s.fields.map((f) => (
                <tr key={f.title}><th style={{ width: "30%" }}>{f.title}</th><td>{f.value}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}

      {d.tasks.length > 0 && (
        <>
          <h2>并联审查</h2>
          <table className="data">
            <thead><tr><th>部门</th><th>审查内容</th><th>期限</th><th>意见</th><th>说明</th></tr></thead>
            <tbody>
              {d.tasks.map((t) => (
                <tr key={t.id}><td>{t.department}</td><td>{t.task}</td><td>{t.dueDate}</td><td>{t.opinion ?? "审查中"}</td><td>{t.comment ?? ""}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>文书</h2>
      <DocumentList documents={d.documents} />
      <h2>办理过程</h2>
      <Timeline events={d.events} />
    </>
  );
}
