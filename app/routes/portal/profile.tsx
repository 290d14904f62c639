import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { changePassword } from "~/identity/accounts.server";
import { maskIdCard, maskMobile } from "~/identity/id-card";
import { ROLE_LABELS } from "~/identity/roles";
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
  };
}

/** Password change: signs out every device, then starts a fresh session here. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
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
