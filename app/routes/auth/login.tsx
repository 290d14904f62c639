import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { authenticate } from "~/identity/accounts.server";
import { getUser, homeFor, PASSWORD_CHANGE_PATH, startSession } from "~/identity/session.server";
import { ErrorSummary, TextField } from "~/ui/ErrorSummary";

export const meta: MetaFunction = () => [{ title: "登录 - 紫阳县网上办事大厅" }];

/** Only same-site paths: an open redirect would let a phishing link bounce users to another host. */
function safeRedirect(to: FormDataEntryValue | string | null, fallback: string): string {
  return typeof to === "string" && to.startsWith("/") && !to.startsWith("//") ? to : fallback;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) throw redirect(user.mustChangePassword ? PASSWORD_CHANGE_PATH : safeRedirect(new URL(request.url).searchParams.get("redirectTo"), homeFor(user.role)));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const login = String(form.get("login") ?? "");
  const user = await authenticate(login, String(form.get("password") ?? ""));
  if (!user) {
    return data({ errors: [{ path: "login", message: "账号或密码不正确" }], login }, { status: 400 });
  }
  const cookie = await startSession(user.id, request.headers.get("User-Agent"));
  const next = user.mustChangePassword ? PASSWORD_CHANGE_PATH : safeRedirect(form.get("redirectTo"), homeFor(user.role));
  return redirect(next, { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  return (
    <div className="card" style={{ maxWidth: 560 }}>
      <h1>统一登录</h1>
      <p className="muted">群众、企业、部门工作人员、政务服务中心和电子监察人员均在此登录。</p>
      <ErrorSummary errors={result?.errors} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <TextField name="login" label="账号或手机号码" autoComplete="username" defaultValue={result?.login} errors={result?.errors} required />
        <TextField name="password" label="密码" type="password" autoComplete="current-password" required />
        <p>
          <button type="submit" disabled={busy}>{busy ? "正在登录…" : "登录"}</button>
        </p>
      </Form>
      <p>
        还没有账号？<Link to="/register">个人用户注册</Link>
      </p>
    </div>
  );
}
