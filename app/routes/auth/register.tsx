import { data, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { registerCitizen } from "~/identity/accounts.server";
import { startSession } from "~/identity/session.server";
import { ErrorSummary, TextField } from "~/ui/ErrorSummary";

export const meta: MetaFunction = () => [{ title: "个人用户注册 - 紫阳县网上办事大厅" }];

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const input = {
    name: String(form.get("name") ?? ""),
    mobile: String(form.get("mobile") ?? ""),
    idCard: String(form.get("idCard") ?? ""),
    password: String(form.get("password") ?? ""),
  };
  const result = await registerCitizen(input);
  if ("errors" in result) {
    return data({ errors: result.errors, values: { name: input.name, mobile: input.mobile, idCard: input.idCard } }, { status: 400 });
  }
  const cookie = await startSession(result.user.id, request.headers.get("User-Agent"));
  return redirect("/my/cases", { headers: { "Set-Cookie": cookie } });
}

export default function Register() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const v = result?.values;
  return (
    <div className="card" style={{ maxWidth: 560 }}>
      <h1>个人用户注册</h1>
      <ErrorSummary errors={result?.errors} />
      <Form method="post" noValidate>
        <TextField name="name" label="真实姓名" autoComplete="name" defaultValue={v?.name} errors={result?.errors} required />
        <TextField name="mobile" label="手机号码" type="tel" autoComplete="tel" help="登录账号，也用于接收办件短信" defaultValue={v?.mobile} errors={result?.errors} required />
        <TextField name="idCard" label="身份证号码" help="18 位，最后一位可以是 X" defaultValue={v?.idCard} errors={result?.errors} required />
        <TextField name="password" label="密码" type="password" autoComplete="new-password" help="至少 8 位，须包含字母和数字" errors={result?.errors} required />
        <p>
          <button type="submit" disabled={busy}>{busy ? "正在注册…" : "注册并登录"}</button>
        </p>
      </Form>
    </div>
  );
}
