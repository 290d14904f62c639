import { data, MaxPartSizeExceededError, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { importJob, startImportJob } from "~/catalog/import-jobs.server";
import { looksLikeXlsx, MAX_WORKBOOK_BYTES } from "~/catalog/workbook.server";
import { requireRole } from "~/identity/session.server";
import { Department } from "~/org/models.server";

export const meta: MetaFunction = () => [{ title: "事项目录导入导出 - 紫阳县网上办事大厅" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["center_admin"]);
  const departments = (await Department.findAll({ order: [["id", "ASC"]] })).map((d) => ({ code: d.code, name: d.name }));
  const jobId = new URL(request.url).searchParams.get("job");
  const job = jobId ? importJob(user, jobId) : null;
  return {
    departments,
    maxMb: MAX_WORKBOOK_BYTES / 1024 / 1024,
    job: job && { state: job.state, fileName: job.fileName, department: departments.find((d) => d.code === job.departmentCode)?.name ?? job.departmentCode, progress: job.progress, report: job.report, error: job.error },
    jobMissing: Boolean(jobId && !job),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["center_admin"]);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_WORKBOOK_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data({ error: `工作簿不能超过 ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB` }, { status: 413 });
    throw error;
  }
  const department = String(form.get("department") ?? "");
  const file = form.get("workbook");
  if (!(await Department.findOne({ where: { code: department } }))) return data({ error: "请选择要导入事项的部门" }, { status: 400 });
  if (!file || typeof file === "string" || file.size === 0) return data({ error: "请选择要导入的 Excel 工作簿（.xlsx）" }, { status: 400 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!looksLikeXlsx(bytes)) return data({ error: "文件不是 Excel 工作簿（.xlsx），请用“下载导入模板”得到的格式填写后上传" }, { status: 400 });
  const job = startImportJob(user, department, file.name, bytes);
  return redirect(`/center/catalog?job=${job.id}`);
}

export default function CatalogWorkbookPage() {
  const { departments, maxMb, job, jobMissing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const uploading = navigation.state === "submitting" && navigation.formMethod?.toUpperCase() === "POST";
  const revalidator = useRevalidator();
  const running = job?.state === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 800);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  const report = job?.report;
  return (
    <>
      <p><Link to="/center">← 政务服务中心</Link></p>
      <h1>事项目录导入导出（Excel）</h1>
      <p className="muted">
        工作簿含“事项”“材料”“收费”三张表，列名与导出的格式相同，代码项填写中文（如 行政许可、县级、承诺件）。任何一行有错误时不导入任何事项；
        全部通过检查后一次性发布。已有事项只更新指南要素、申请材料和办结时限；新事项的申请表请部门在“事项配置”中设计。
      </p>

      <section className="card" aria-labelledby="export-heading">
        <h2 id="export-heading">导出</h2>
        <Form method="get" action="/center/catalog/export" reloadDocument>
          <label htmlFor="export-department">部门</label>
          <select id="export-department" name="department" defaultValue="">
            <option value="">全部部门</option>
            {departments.map((d) => <option key={d.code} value={d.code}>{d.name}</option>)}
          </select>
          <p className="actions">
            <button type="submit">导出已发布事项（.xlsx）</button>
            <a href="/center/catalog/export?template=1" download>下载导入模板</a>
          </p>
        </Form>
      </section>

      <section className="card" aria-labelledby="import-heading">
        <h2 id="import-heading">导入部门事项清单</h2>
        {result?.error && <p className="error" role="alert">{result.error}</p>}
        <Form method="post" encType="multipart/form-data">
          <label htmlFor="import-department">导入到部门</label>
          <select id="import-department" name="department" required defaultValue="">
            <option value="" disabled>请选择部门</option>
            {departments.map((d) => <option key={d.code} value={d.code}>{d.name}</option>)}
          </select>
          <label htmlFor="import-file">Excel 工作簿（.xlsx，不超过 {maxMb} MB）</label>
          <input id="import-file" name="workbook" type="file" required accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
          <p><button type="submit" disabled={uploading || running}>{uploading ? "正在上传…" : "检查并导入"}</button></p>
        </Form>
      </section>

      {jobMissing && <p className="error" role="alert">找不到这次导入的进度（服务可能已重启）。导入在一个事务中完成，未完成的导入不会留下任何事项，请重新导入。</p>}
      {job && (
        <section className="card" aria-labelledby="job-heading" aria-live="polite">
          <h2 id="job-heading">导入“{job.fileName}”到{job.department}</h2>
          {running && (
            <>
              <progress max={job.progress?.total || 1} value={job.progress?.checked ?? 0} aria-label="检查进度" />
              <p>
                {!job.progress
                  ? "正在读取工作簿…"
                  : job.progress.checked < job.progress.total
                    ? `第 ${job.progress.checked} / ${job.progress.total} 行已检查`
                    : `${job.progress.total} 行已全部检查，正在发布…`}
              </p>
            </>
          )}
          {job.state === "failed" && <p className="error" role="alert">{job.error}</p>}
          {report && report.errors.length > 0 && (
            <>
              <p className="error" role="alert">
                已检查 {report.checked} / {report.total} 行，发现 {report.errors.length} 处错误，未导入任何事项。请改正后重新上传。
              </p>
              <table className="data">
                <thead><tr><th>工作表</th><th>行</th><th>列</th><th>问题</th></tr></thead>
                <tbody>
                  {report.errors.map((e, i) => <tr key={i}><td>{e.sheet}</td><td>{e.row}</td><td>{e.column}</td><td>{e.message}</td></tr>)}
                </tbody>
              </table>
            </>
          )}
          {report && report.errors.length === 0 && (
            <>
              <p role="status">
                已检查 {report.total} 行，全部导入：新建 {report.created.length} 项，更新 {report.updated.length} 项，未变化 {report.unchanged.length} 项。
              </p>
              {report.created.length > 0 && <p>新建：{report.created.join("、")}（请部门在“事项配置”中设计申请表）</p>}
              {report.updated.length > 0 && <p>更新：{report.updated.join("、")}</p>}
            </>
          )}
        </section>
      )}
    </>
  );
}
