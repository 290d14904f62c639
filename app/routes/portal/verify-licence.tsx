import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { verifyLicence } from "~/licences/queries.server";

export const meta: MetaFunction = () => [{ title: "电子证照核验 - 紫阳县网上办事大厅" }];

/** Public: anyone holding a printed licence can check it by its verification code. */
export async function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get("code");
  return { code: code ?? "", result: code === null ? null : await verifyLicence(code) };
}

export default function VerifyLicence() {
  const { code, result } = useLoaderData<typeof loader>();
  return (
    <div className="card" style={{ maxWidth: 640 }}>
      <h1>电子证照核验</h1>
      <Form method="get">
        <label htmlFor="code">证照验证码</label>
        <input id="code" name="code" type="text" defaultValue={code} autoComplete="off" aria-describedby="code-help" />
        <div className="help" id="code-help">印在证照和决定书上的 12 位验证码</div>
        <p><button type="submit">核验</button></p>
      </Form>
      {result?.error && <div className="error-summary" role="alert">{result.error}</div>}
      {result?.licence && (
        <div className="notice" role="status">
          <p><strong>核验通过：该电子证照真实有效。</strong></p>
          <dl className="guide">
            <dt>证照名称</dt><dd data-testid="licence-name">{result.licence.name}</dd>
            <dt>证照编号</dt><dd>{result.licence.number}</dd>
            <dt>持证主体</dt><dd>{result.licence.holderName}</dd>
            {result.licence.holderId && (<><dt>持证主体代码</dt><dd>{result.licence.holderId}</dd></>)}
            <dt>发证机关</dt><dd>{result.licence.department}</dd>
            <dt>发证日期</dt><dd>{result.licence.issuedOn}</dd>
          </dl>
        </div>
      )}
    </div>
  );
}
