import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { changePassword } from "~/identity/accounts.server";
import { homeFor, requireUser, revokeUserSessions, startSession } from "~/identity/session.server";
import { ErrorSummary, TextField } from "~/ui/ErrorSummary";

export const meta: MetaFunction = () => [{ title: "修改密码 - 紫阳县网上办事大厅" }];

/** The page a user with a temporary password (new account, or reset by the center) must pass first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name, username: user.username, forced: user.mustChangePassword };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const next = String(form.get("next") ?? "");
  if (next !== String(form.get("confirm") ?? "")) return data({ errors: [{ path: "confirm", message: "两次输入的新密码不一致" }] }, { status: 400 });
  const errors = await changePassword(user.id, String(form.get("current") ?? ""), next);
  if (errors.length) return data({ errors }, { status: 400 });
  // Whoever knew the temporary password is signed out everywhere; this browser continues with a fresh session.
  await revokeUserSessions(user.id);
  const cookie = await startSession(user.id, request.headers.get("User-Agent"));
  return redirect(homeFor(user.role), { headers: { "Set-Cookie": cookie } });
}

export default function PasswordChange() {
  const { name, username, forced } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="card" style={{ maxWidth: 560 }}>
      <h1>修改密码</h1>
      {forced ? (
        <p className="notice" role="status">
          {name}（{username}），您正在使用政务服务中心发放的临时密码。请先设置自己的新密码，之后才能使用其他功能。
        </p>
      ) : (
        <p className="muted">修改后，其他设备上的登录将全部退出。</p>
      )}
      <ErrorSummary errors={result?.errors} />
      <Form method="post" noValidate>
        <TextField name="current" label={forced ? "临时密码" : "当前密码"} type="password" autoComplete="current-password" errors={result?.errors} required />
        <TextField name="next" label="新密码" type="password" autoComplete="new-password" help="至少 8 位，须同时包含字母和数字" errors={result?.errors} required />
        <TextField name="confirm" label="再次输入新密码" type="password" autoComplete="new-password" errors={result?.errors} required />
        <p>
          <button type="submit" disabled={busy}>{busy ? "正在保存…" : "保存新密码"}</button>
        </p>
      </Form>
    </div>
  );
}
