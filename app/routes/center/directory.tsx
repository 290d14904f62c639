import { data, MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { MAX_WORKBOOK_BYTES } from "~/catalog/workbook.server";
import { importDirectoryWorkbook } from "~/center/directory-workbook.server";
import { requireRole } from "~/identity/session.server";
import { isRefused } from "~/ui/refused";
import { runAction } from "~/ui/user-error.server";

export const meta: MetaFunction = () => [{ title: "区划、部门和人员导入导出 - 政务服务中心" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["center_admin"]);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["center_admin"]);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_WORKBOOK_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data({ error: `工作簿不能超过 ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB`, errors: [] }, { status: 413 });
    throw error;
  }
  const file = form.get("workbook");
  if (!file || typeof file === "string" || file.size === 0) return data({ error: "请选择要导入的 Excel 工作簿（.xlsx）", errors: [] }, { status: 400 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  return runAction(async () => {
    const result = await importDirectoryWorkbook(user, bytes);
    return "errors" in result ? data({ fileName: file.name, rowErrors: result.errors }, { status: 422 }) : data({ fileName: file.name, report: result.report });
  });
}

export default function DirectoryPage() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const refused = isRefused(result) ? result : null;
  const rowErrors = result && "rowErrors" in result ? result.rowErrors : null;
  const report = result && "report" in result ? result.report : null;
  return (
    <>
      <p><Link to="/center">← 政务服务中心</Link></p>
      <h1>区划、部门和人员导入导出（Excel）</h1>
      <p className="muted">
        工作簿含“区划”“部门”“人员”三张表（可只填其中一部分），列名与导出的格式相同。任何一行有错误时不导入任何内容，并一次列出全部错误；
        全部通过检查后一次性写入。已有的区划、部门和账号按代码或用户名更新；新账号的临时密码只在导入结果中显示一次。
      </p>
      <section className="card" aria-labelledby="export-heading">
        <h2 id="export-heading">导出</h2>
        <p className="actions">
          <a href="/center/directory/export" download>导出当前的区划、部门和人员（.xlsx）</a>
          <a href="/center/directory/export?template=1" download>下载导入模板</a>
        </p>
      </section>
      <section className="card" aria-labelledby="import-heading">
        <h2 id="import-heading">导入</h2>
        {refused && <p className="error" role="alert">{refused.error}</p>}
        <Form method="post" encType="multipart/form-data">
          <label htmlFor="import-file">Excel 工作簿（.xlsx）</label>
          <input id="import-file" name="workbook" type="file" required accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
          <p><button type="submit" disabled={busy}>{busy ? "正在检查…" : "导入"}</button></p>
        </Form>
      </section>
      {rowErrors && (
        <section className="card" aria-labelledby="errors-heading">
          <h2 id="errors-heading">“{result && "fileName" in result ? result.fileName : ""}”未导入</h2>
          <p className="error" role="alert">发现 {rowErrors.length} 处错误，未写入任何内容。请改正后重新上传。</p>
          <table className="data">
            <thead><tr><th>工作表</th><th>行</th><th>列</th><th>问题</th></tr></thead>
            <tbody>{rowErrors.map((e, i) => <tr key={i}><td>{e.sheet}</td><td>{e.row}</td><td>{e.column}</td><td>{e.message}</td></tr>)}</tbody>
          </table>
        </section>
      )}
      {report && (
        <section className="card" aria-labelledby="report-heading">
          <h2 id="report-heading">已导入</h2>
          <p role="status">
            区划：新增 {report.orgUnits.created}，修改 {report.orgUnits.updated}，未变 {report.orgUnits.unchanged}；
            部门：新增 {report.departments.created}，修改 {report.departments.updated}，未变 {report.departments.unchanged}；
            人员：新增 {report.staff.created}，修改 {report.staff.updated}，未变 {report.staff.unchanged}。
          </p>
          {report.credentials.length > 0 && (
            <>
              <p className="notice">临时密码只显示这一次，请当面或电话告知本人；首次登录须修改密码。</p>
              <table className="data" aria-label="新账号的临时密码">
                <thead><tr><th>用户名</th><th>姓名</th><th>临时密码</th></tr></thead>
                <tbody>{report.credentials.map((c) => <tr key={c.username}><td>{c.username}</td><td>{c.name}</td><td>{c.password}</td></tr>)}</tbody>
              </table>
            </>
          )}
        </section>
      )}
    </>
  );
}
