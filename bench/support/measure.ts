/**
 * The measured operations, each through the same service function a loader or action calls. Imported only after
 * DATABASE_URL is set (it loads app modules).
 */
import { performance } from "node:perf_hooks";
import { QueryTypes } from "sequelize";
import { actOnCase } from "~/cases/desk.server";
import { reviewerCaseDetail } from "~/cases/queries.server";
import { submitApplication } from "~/cases/submit.server";
import { departmentQueue, type QueueFilter } from "~/cases/workbench.server";
import { ServiceItem } from "~/catalog/models.server";
import { sequelize } from "~/db/connection.server";
import { User } from "~/identity/models.server";
import { toCurrentUser, type CurrentUser } from "~/identity/session.server";
import { Department } from "~/org/models.server";
import { ENTERPRISE_OPENING, enterpriseOpeningData, newKey } from "../../test/support/fixtures";
import { seededRandom, summarize, timed, type Summary } from "./stats";

type Staff = Parameters<typeof departmentQueue>[0];
const rnd = seededRandom(7);

export async function userNamed(username: string): Promise<CurrentUser> {
  const user = await User.findOne({ where: { username } });
  if (!user) throw new Error(`no demo user ${username}`);
  return toCurrentUser(user);
}

const reviewers = new Map<number, Staff>();
/** The demo reviewer of a department (reviewer_<code>, e.g. reviewer_scjg). */
async function reviewerOf(departmentId: number): Promise<Staff> {
  let staff = reviewers.get(departmentId);
  if (!staff) {
    const department = await Department.findByPk(departmentId);
    if (!department) throw new Error(`no department ${departmentId}`);
    staff = (await userNamed(`reviewer_${department.code}`)) as Staff;
    reviewers.set(departmentId, staff);
  }
  return staff;
}

async function topDepartments(sql: string, count: number): Promise<number[]> {
  const rows = await sequelize.query<{ id: number; n: number }>(sql, { type: QueryTypes.SELECT });
  return rows.slice(0, count).map((r) => Number(r.id));
}

export interface QueueResult {
  all: Summary;
  accept: Summary;
  review: Summary;
  acceptRows: number;
  reviewRows: number;
  departments: { accept: string[]; review: string[] };
}

/**
 * First page of the accept queue filtered to cases due within two working days, and of the review queue, for the
 * departments with the most cases (accept) and the most pending tasks (review), in random order.
 */
export async function measureQueues(iterations: number, warmup: number, now: Date): Promise<QueueResult> {
  const acceptDepts = await topDepartments(
    "SELECT lead_department_id AS id, COUNT(*) AS n FROM cases GROUP BY lead_department_id ORDER BY n DESC",
    4,
  );
  const reviewDepts = await topDepartments(
    "SELECT department_id AS id, COUNT(*) AS n FROM review_tasks WHERE state = 'pending' GROUP BY department_id ORDER BY n DESC",
    4,
  );
  const kinds: Array<{ name: "accept" | "review"; depts: number[]; filter: QueueFilter }> = [
    { name: "accept", depts: acceptDepts, filter: { queue: "accept", due: "soon" } },
    { name: "review", depts: reviewDepts, filter: { queue: "review" } },
  ];
  const samples = { accept: [] as number[], review: [] as number[] };
  const rows = { accept: 0, review: 0 };
  for (let i = 0; i < warmup + 2 * iterations; i++) {
    const kind = kinds[i % 2];
    const user = await reviewerOf(rnd.pick(kind.depts));
    const { ms, value } = await timed(() => departmentQueue(user, kind.filter, now));
    if (i < warmup) continue;
    samples[kind.name].push(ms);
    rows[kind.name] += value.rows.length;
  }
  const names = async (ids: number[]) => (await Department.findAll({ where: { id: ids } })).map((d) => d.code);
  return {
    all: summarize([...samples.accept, ...samples.review]),
    accept: summarize(samples.accept),
    review: summarize(samples.review),
    acceptRows: rows.accept / samples.accept.length,
    reviewRows: rows.review / samples.review.length,
    departments: { accept: await names(acceptDepts), review: await names(reviewDepts) },
  };
}

/** The reviewer's case page for random cases, read by a reviewer of the case's lead department. */
export async function measureCaseView(iterations: number, warmup: number, firstId: number, lastId: number): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const id = firstId + rnd.int(lastId - firstId + 1);
    const row = await sequelize.query<{ lead: number }>("SELECT lead_department_id AS lead FROM cases WHERE id = ?", {
      replacements: [id],
      type: QueryTypes.SELECT,
      plain: true,
    });
    if (!row) throw new Error(`case ${id} is missing`);
    const user = await reviewerOf(Number(row.lead));
    const { ms, value } = await timed(() => reviewerCaseDetail(user, id));
    if (value.case.id !== id) throw new Error(`case view returned case ${value.case.id} for ${id}`);
    if (i >= warmup) samples.push(ms);
  }
  return summarize(samples);
}

export async function prepareRawTable(): Promise<void> {
  const ddl =
    sequelize.getDialect() === "mysql"
      ? "CREATE TABLE IF NOT EXISTS bench_raw (id INT AUTO_INCREMENT PRIMARY KEY, payload TEXT NOT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"
      : "CREATE TABLE IF NOT EXISTS bench_raw (id INTEGER PRIMARY KEY AUTOINCREMENT, payload TEXT NOT NULL)";
  await sequelize.query(ddl);
  await sequelize.query("DELETE FROM bench_raw");
}

const RAW_PAYLOAD = "紫阳县网上办事大厅基准测试：单行插入事务的对照负载。".repeat(4);

/** One plain single-row INSERT in its own transaction, through the app's Sequelize instance. */
const rawInsert = () =>
  sequelize.transaction(async (t) => {
    await sequelize.query("INSERT INTO bench_raw (payload) VALUES (?)", { replacements: [RAW_PAYLOAD], transaction: t, type: QueryTypes.INSERT });
  });

export interface WriteResult {
  submit: Summary;
  raw: Summary;
  submitPerSecond: number;
  rawPerSecond: number;
  caseIds: number[];
  warmupCaseIds: number[];
}

/**
 * `count` submits of 企业开办 (validate + case + event + outbox, one transaction each) and `count` raw single-row
 * insert transactions, interleaved in blocks so both see the same database state (WAL size, checkpoints, caches).
 */
export async function measureWrites(count: number, warmup: number, block = 50): Promise<WriteResult> {
  const applicant = await userNamed("13912345678");
  const item = await ServiceItem.findOne({ where: { name: ENTERPRISE_OPENING } });
  if (!item?.publishedVersionId) throw new Error(`${ENTERPRISE_OPENING} is not published`);
  const submit = async () => {
    const result = await submitApplication({ user: applicant, itemId: item.id, versionId: item.publishedVersionId!, formData: enterpriseOpeningData(), submissionKey: newKey() });
    if ("errors" in result) throw new Error(`submit refused: ${JSON.stringify(result.errors)}`);
    if (!result.created) throw new Error("submit returned an existing case");
    return result.case.id;
  };
  const warmupCaseIds: number[] = [];
  for (let i = 0; i < warmup; i++) {
    await rawInsert();
    warmupCaseIds.push(await submit());
  }
  const submitMs: number[] = [];
  const rawMs: number[] = [];
  const caseIds: number[] = [];
  for (let done = 0; done < count; done += block) {
    const size = Math.min(block, count - done);
    for (let i = 0; i < size; i++) rawMs.push((await timed(rawInsert)).ms);
    for (let i = 0; i < size; i++) {
      const { ms, value } = await timed(submit);
      submitMs.push(ms);
      caseIds.push(value);
    }
  }
  const total = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  return {
    submit: summarize(submitMs),
    raw: summarize(rawMs),
    submitPerSecond: (count * 1000) / total(submitMs),
    rawPerSecond: (count * 1000) / total(rawMs),
    caseIds,
    warmupCaseIds,
  };
}

/** 受理 by the lead reviewer: case update + the four parallel review tasks + acceptance notice + event + outbox. */
export async function measureAccept(caseIds: number[], warmupIds: number[]): Promise<{ latency: Summary; perSecond: number; totalMs: number }> {
  const lead = await userNamed("reviewer_scjg");
  for (const id of warmupIds) await actOnCase(lead, id, { type: "accept" });
  const samples: number[] = [];
  const started = performance.now();
  for (const id of caseIds) samples.push((await timed(() => actOnCase(lead, id, { type: "accept" }))).ms);
  const totalMs = performance.now() - started;
  return { latency: summarize(samples), perSecond: (caseIds.length * 1000) / totalMs, totalMs };
}
