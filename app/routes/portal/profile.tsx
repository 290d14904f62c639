import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { changePassword, notifyOptOut, setNotifyOptOut } from "~/identity/accounts.server";
import { maskIdCard, maskMobile } from "~/identity/id-card";
import { APPLICANT_ROLES, ROLE_LABELS, hasRole } from "~/identity/roles";
import { requireUser, revokeUserSessions, startSession } from "~/identity/session.server";
import { ErrorSummary, TextField } from "~/ui/ErrorSummary";

export const meta: MetaFunction = () => [{ title: "个人信息 - 紫阳县网上办事大厅" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    name: user.name,
    role: ROLE_LABELS[user.role],
    username: user.username,
    mobile: user.mobile ? maskMobile(user.mobile) : null,
    idCard: user.idCard ? maskIdCard(user.idCard) : null,
    creditCode: user.creditCode,
    department: user.departmentName,
    // Applicants choose which SMS they get; staff reminders are part of the job.
    optOut: hasRole(user, APPLICANT_ROLES) ? await notifyOptOut(user.id) : null,
  };
}

/** Message preference, or password change (signs out every device, then starts a fresh session here). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (form.get("intent") === "notify") {
    if (!hasRole(user, APPLICANT_ROLES)) throw new Response("Forbidden", { status: 403 });
    await setNotifyOptOut(user.id, form.get("progress") !== "on");
    return redirect("/my/profile?notify=1");
  }
  const errors = await changePassword(user.id, String(form.get("current") ?? ""), String(form.get("next") ?? ""));
  if (errors.length) return data({ errors }, { status: 400 });
  await revokeUserSessions(user.id);
  const cookie = await startSession(user.id, request.headers.get("User-Agent"));
  return redirect("/my/profile?changed=1", { headers: { "Set-Cookie": cookie } });
}

export default function Profile() {
  const p = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const rows: Array<[string, string | null]> = [
    ["姓名或名称", p.name],
    ["账号类型", p.role],
    ["登录账号", p.username],
    ["手机号码", p.mobile],
    ["身份证号码", p.idCard],
    ["统一社会信用代码", p.creditCode],
    ["所属部门", p.department],
  ];
  return (
    <>
      <h1>个人信息</h1>
      {params.get("changed") && <div className="notice" role="status">密码已修改，其他设备上的登录已退出。</div>}
      <dl className="guide">
        {rows.filter(([, v]) => v).map(([k, v]) => (
          <div key={k} style={{ display: "contents" }}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p className="actions"><Link to="/my/cases">我的办件</Link><Link to="/my/licences">我的证照</Link></p>
      {p.optOut !== null && (
        <section className="card" aria-labelledby="notify-heading">
          <h2 id="notify-heading">短信提醒</h2>
          {params.get("notify") && <div className="notice" role="status">短信提醒设置已保存。</div>}
          <p>受理、不予受理、补正、延期、审批决定和寄送结果的短信依法必须发送，不能退订。</p>
          <Form method="post">
            <input type="hidden" name="intent" value="notify" />
            <p>
              <label className="check">
                <input type="checkbox" name="progress" defaultChecked={!p.optOut} /> 接收办理进度短信（提交成功、审查完毕、办结通知）
              </label>
            </p>
            <p><button type="submit" disabled={busy}>保存提醒设置</button></p>
          </Form>
        </section>
      )}
      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">修改密码</h2>
        <ErrorSummary errors={result?.errors} />
        <Form method="post" noValidate>
          <TextField name="current" label="当前密码" type="password" autoComplete="current-password" errors={result?.errors} />
          <TextField name="next" label="新密码" type="password" autoComplete="new-password" help="至少 8 位，须包含字母和数字" errors={result?.errors} />
          <p><button type="submit" disabled={busy}>修改密码</button></p>
        </Form>
      </section>
    </>
  );
}
