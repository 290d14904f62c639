import { randomUUID } from "node:crypto";
import type { CurrentUser } from "~/identity/session.server";
import { importWorkbook, WorkbookImportError, type ImportProgress, type ImportReport } from "./workbook.server";

/**
 * Running workbook imports of this process, so the import page can show "第 n / N 行已检查" while a large
 * workbook is checked. Only the progress lives here: the import itself is one database transaction, so a restart
 * mid-import loses the job and leaves the catalog as it was (the center simply imports again).
 */
export interface ImportJob {
  id: string;
  userId: number;
  departmentCode: string;
  fileName: string;
  state: "running" | "done" | "failed";
  progress: ImportProgress | null;
  report: ImportReport | null;
  error: string | null;
  startedAt: number;
}

const jobs = new Map<string, ImportJob>();
const KEEP_MS = 60 * 60 * 1000;

export function startImportJob(user: CurrentUser, departmentCode: string, fileName: string, bytes: Uint8Array): ImportJob {
  for (const [id, job] of jobs) if (job.state !== "running" && Date.now() - job.startedAt > KEEP_MS) jobs.delete(id);
  const job: ImportJob = { id: randomUUID(), userId: user.id, departmentCode, fileName, state: "running", progress: null, report: null, error: null, startedAt: Date.now() };
  jobs.set(job.id, job);
  importWorkbook(user, departmentCode, bytes, (p) => (job.progress = p)).then(
    (report) => Object.assign(job, { state: "done", report }),
    (error: unknown) => {
      if (!(error instanceof WorkbookImportError)) console.error("workbook import failed", error);
      Object.assign(job, { state: "failed", error: error instanceof WorkbookImportError ? error.message : "导入失败，未导入任何事项，请稍后重试" });
    },
  );
  return job;
}

/** The user's own import job (another user's id finds nothing). */
export function importJob(user: CurrentUser, id: string): ImportJob | null {
  const job = jobs.get(id);
  return job && job.userId === user.id ? job : null;
}
