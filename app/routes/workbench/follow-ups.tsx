import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { CaseActionError } from "~/cases/case-transaction.server";
import { listFollowUps, parseFollowUpFilter, recordCallBack, recordResolution, type FollowUpRow } from "~/evaluation/follow-ups.server";
import { FOLLOW_UP_FILTERS, FOLLOW_UP_TEXT_MAX } from "~/evaluation/labels";
import { FOLLOW_UP_STAFF_ROLES } from "~/evaluation/scope.server";
import { requireDepartmentStaff } from "~/identity/session.server";
import { LightBadge } from "~/ui/CaseParts";
import { errorFor, type UiFieldError } from "~/ui/ErrorSummary";
import { RatingSummary } from "~/ui/RatingSummary";

export const meta: MetaFunction = () => [{ title: "差评整改 - 紫阳县网上办事大厅" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireDepartmentStaff(request, FOLLOW_UP_STAFF_ROLES);
  const filter = parseFollowUpFilter(new URL(request.url).searchParams);
  return { department: user.departmentName, state: filter.state ?? "", rows: await listFollowUps(user, { state: filter.state }) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireDepartmentStaff(request, FOLLOW_UP_STAFF_ROLES);
  const form = await request.formData();
  const id = Number(form.get("followUpId"));
  const intent = String(form.get("intent") ?? "");
  const values = { note: String(form.get("note") ?? ""), calledAt: String(form.get("calledAt") ?? ""), resolution: String(form.get("resolution") ?? "") };
  if (!Number.isSafeInteger(id) || id <= 0 || !["callback", "resolve"].includes(intent)) {
    return data({ id: 0, error: "不支持的操作", errors: [] as UiFieldError[], values }, { status: 400 });
  }
  try {
    if (intent === "callback") await recordCallBack(user, id, { note: values.note, calledAt: values.calledAt });
    else await recordResolution(user, id, { resolution: values.resolution });
  } catch (error) {
    if (!(error instanceof CaseActionError)) throw error;
    return data({ id, error: error.message, errors: error.fields as UiFieldError[], values }, { status: error.status });
  }
  const back = new URL(request.url);
  back.searchParams.set("saved", intent);
  return redirect(`${back.pathname}${back.search}#follow-up-${id}`);
}

type Feedback = { id: number; error: string; errors: UiFieldError[]; values: Record<string, string> } | undefined;

function TextArea({ id, name, label, feedback, help }: { id: string; name: string; label: string; feedback: Feedback; help: string }) {
  const error = errorFor(feedback?.errors, name);
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <div className="help" id={`${id}-help`}>{help}</div>
      <textarea
        id={id}
        name={name}
        maxLength={FOLLOW_UP_TEXT_MAX}
        required
        defaultValue={feedback?.values[name]}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ""}`}
      />
      {error && <div className="error" id={`${id}-error`}>{error}</div>}
    </div>
  );
}

function FollowUpCard({ row, feedback, busy }: { row: FollowUpRow; feedback: Feedback; busy: boolean }) {
  const mine = feedback?.id === row.id ? feedback : undefined;
  const calledAtError = errorFor(mine?.errors, "calledAt");
  return (
    <article className="card" id={`follow-up-${row.id}`} aria-labelledby={`follow-up-${row.id}-title`}>
      <h2 id={`follow-up-${row.id}-title`} style={{ fontSize: 18 }}>
        <Link to={`/workbench/cases/${row.caseId}`}>{row.shortNumber}</Link> {row.itemName}
      </h2>
      <p>
        状态：<span className="state">{row.stateLabel}</span>　整改期限：<span className={row.overdue ? "overdue" : undefined}>{row.deadline}</span>{" "}
        <LightBadge light={row.light} label={row.lightLabel} />
        {row.resolvedLate && <span className="badge hot">逾期整改</span>}
      </p>
      <p>申请人：{row.applicantName}（{row.applicantMobile}，完整号码见办件详情）</p>
      <RatingSummary rating={row.rating} />
      {row.calledAt && (
        <p>回访记录：{row.calledAt} {row.calledByName}：{row.callNote}</p>
      )}
      {row.resolvedAt && (
        <p>整改结果：{row.resolvedAt} {row.resolvedByName}：{row.resolution}</p>
      )}
      {mine?.error && <div className="error-summary" role="alert">{mine.error}</div>}
      {row.state === "open" && (
        <Form method="post" noValidate>
          <input type="hidden" name="followUpId" value={row.id} />
          <TextArea id={`note-${row.id}`} name="note" label="回访情况" help="申请人反映的问题和意见" feedback={mine} />
          <label htmlFor={`calledAt-${row.id}`}>回访时间（选填，默认为现在）</label>
          <input
            id={`calledAt-${row.id}`}
            name="calledAt"
            type="datetime-local"
            defaultValue={mine?.values.calledAt}
            aria-invalid={calledAtError ? true : undefined}
            aria-describedby={calledAtError ? `calledAt-${row.id}-error` : undefined}
          />
          {calledAtError && <div className="error" id={`calledAt-${row.id}-error`}>{calledAtError}</div>}
          <p><button type="submit" name="intent" value="callback" disabled={busy}>记录回访</button></p>
        </Form>
      )}
      {row.state === "called_back" && (
        <Form method="post" noValidate>
          <input type="hidden" name="followUpId" value={row.id} />
          <TextArea id={`resolution-${row.id}`} name="resolution" label="整改结果" help="针对差评原因采取的整改措施和结果" feedback={mine} />
          <p><button type="submit" name="intent" value="resolve" disabled={busy}>提交整改结果</button></p>
        </Form>
      )}
    </article>
  );
}

export default function FollowUps() {
  const { department, state, rows } = useLoaderData<typeof loader>();
  const feedback = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const saved = params.get("saved");
  return (
    <>
      <p><Link to="/workbench">← 审批工作台</Link></p>
      <h1>差评整改 · {department}</h1>
      <p className="muted">申请人给出“不满意”“非常不满意”的办件，须在 5 个工作日内回访并提交整改结果。评价内容不能修改。</p>
      {feedback?.id === 0 && <div className="error-summary" role="alert">{feedback.error}</div>}
      {saved && <div className="notice" role="status">{saved === "callback" ? "回访记录已保存" : "整改结果已提交"}</div>}
      <nav aria-label="按状态筛选" className="chips">
        {FOLLOW_UP_FILTERS.map((f) => (
          <Link key={f.value} to={f.value ? `?state=${f.value}` : "?"} aria-current={f.value === state ? "page" : undefined}>{f.label}</Link>
        ))}
      </nav>
      {rows.length === 0 ? <p className="muted">没有符合条件的差评整改。</p> : rows.map((row) => <FollowUpCard key={row.id} row={row} feedback={feedback} busy={busy} />)}
    </>
  );
}
