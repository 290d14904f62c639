/**
 * Generates the historical case load: applicants, then cases with their review tasks and timeline events, two
 * years back from today, in multi-row INSERTs inside large transactions. Rows are built the way the services
 * would have left them (same columns, states, deadlines and tracking numbers), without going through them.
 *
 * Imported only after DATABASE_URL is set (it loads app modules).
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { QueryTypes, type Transaction } from "sequelize";
import { chinaDate } from "~/calendar/china-time";
import { loadCalendar } from "~/calendar/service.server";
import type { WorkCalendar } from "~/calendar/workdays";
import { caseDeadlines, coReviewDueDate } from "~/cases/deadlines";
import type { CaseState, Decision } from "~/cases/lifecycle";
import { trackingNumber } from "~/cases/tracking-number";
import { ServiceItem } from "~/catalog/models.server";
import { loadVersion } from "~/catalog/service.server";
import { sequelize } from "~/db/connection.server";
import { User } from "~/identity/models.server";
import { Department } from "~/org/models.server";
import type { Workflow } from "~/schemas/types.generated";
import { ENTERPRISE_OPENING, enterpriseOpeningData, sampleFor, type JsonNode } from "../../test/support/fixtures";
import { BulkInsert, literals, type Literals } from "./sql-literals";
import { seededRandom, type Random } from "./stats";

/** Two years of history, ending yesterday (China time), so today's tracking numbers stay free for live submits. */
export const HISTORY_DAYS = 730;
const CASES_PER_TRANSACTION = 5000;
const PROGRESS_EVERY = 100_000;
const MAX_EVENTS = 6;
const DAY_MS = 86_400_000;

/** Share of applications per item (a county's mix: registrations and licences dominate). Unknown items get 3. */
const ITEM_WEIGHTS: Record<string, number> = {
  [ENTERPRISE_OPENING]: 14,
  个体工商户设立登记: 18,
  内地居民结婚登记: 9,
  "80周岁以上高龄老人生活补贴申领": 4,
  公共场所卫生许可证核发: 4,
  食品经营许可证核发: 9,
  建筑工程施工许可证核发: 2,
  国有建设用地使用权及房屋所有权转移登记: 12,
  企业投资项目备案: 2,
  户口迁入登记: 9,
  失业保险金申领: 7,
  "民办学校办学许可（正式设立）": 0.5,
  营业性演出许可: 1.5,
  雨露计划职业教育补助申请: 4,
  农村村民宅基地审批: 4,
};
/** Items a legal person applies for; the rest are applied for by citizens. */
const ENTERPRISE_ITEMS = new Set(["食品经营许可证核发", "建筑工程施工许可证核发", "企业投资项目备案", "公共场所卫生许可证核发", "营业性演出许可", "民办学校办学许可（正式设立）"]);

type Mix = Partial<Record<CaseState, number>>;
/** State by age in days: recent cases are still open, older ones almost all ended. */
const STATE_BY_AGE: Array<{ maxAge: number; mix: Mix }> = [
  { maxAge: 2, mix: { submitted: 55, supplementing: 5, reviewing: 25, deciding: 5, decided: 2, completed: 6, withdrawn: 2 } },
  { maxAge: 10, mix: { submitted: 5, supplementing: 4, reviewing: 25, suspended: 3, deciding: 8, decided: 4, certified: 4, delivered: 3, completed: 40, not_accepted: 2, withdrawn: 2 } },
  { maxAge: 45, mix: { supplementing: 1, reviewing: 6, suspended: 3, deciding: 3, decided: 1, certified: 1, delivered: 1, completed: 80, not_accepted: 2.5, withdrawn: 1.5 } },
  { maxAge: Infinity, mix: { supplementing: 0.1, suspended: 0.2, completed: 93.7, not_accepted: 3.5, withdrawn: 2.5 } },
];
const RUNNING: ReadonlySet<CaseState> = new Set(["submitted", "reviewing", "deciding", "decided", "certified"]);
const AFTER_REVIEW: ReadonlySet<CaseState> = new Set(["deciding", "decided", "certified", "delivered", "completed"]);

const CASE_COLUMNS = [
  "id", "tracking_number", "item_id", "item_version_id", "applicant_id", "applicant_name", "applicant_mobile", "lead_department_id",
  "org_unit_id", "channel", "state", "decision", "form_data", "submission_key", "submitted_at", "accepted_at", "due_date",
  "legal_due_date", "completed_at", "version", "created_at", "updated_at", "join_outcome", "paused_on", "extension_reason",
  "delivery_method", "courier_company", "courier_tracking", "overdue",
] as const;
const TASK_COLUMNS = [
  "case_id", "department_id", "role", "task", "section", "state", "opinion", "comment", "reviewer_id", "due_date", "decided_at",
  "version", "created_at", "updated_at", "assignee_id", "deemed",
] as const;
const EVENT_COLUMNS = ["case_id", "type", "actor_id", "actor_name", "department_id", "from_state", "to_state", "note", "created_at"] as const;
const USER_COLUMNS = ["id", "username", "name", "role", "department_id", "mobile", "id_card", "credit_code", "password_hash", "active", "created_at", "updated_at"] as const;

interface Person {
  id: number;
  name: string;
  mobile: string;
}

interface ItemPlan {
  id: number;
  versionId: number;
  name: string;
  code: string;
  departmentId: number;
  orgUnitId: number;
  workflow: Workflow;
  has: { review: boolean; certify: boolean; deliver: boolean };
  co: Array<{ departmentId: number; task: string; section: string | null }>;
  form: Record<string, unknown>;
  forEnterprises: boolean;
}

interface EventDraft {
  type: string;
  from: CaseState | null;
  to: CaseState;
  /** "applicant", or the department whose reviewer acted. */
  actor: "applicant" | number;
  note: string;
  at?: number;
}

export interface GenerateOptions {
  cases: number;
  applicants: number;
  now: Date;
  log: (line: string) => void;
}

export interface GenerateReport {
  cases: number;
  tasks: number;
  events: number;
  applicants: number;
  seconds: number;
  rowsPerSecond: number;
  firstCaseId: number;
  lastCaseId: number;
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** Midnight of a China date, in epoch ms. */
const chinaMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`) - 8 * 3600_000;
const seconds = (ms: number) => Math.floor(ms / 1000) * 1000;

async function itemPlans(): Promise<ItemPlan[]> {
  const departments = new Map((await Department.findAll()).map((d) => [d.code, d.id]));
  const items = await ServiceItem.findAll({ order: [["id", "ASC"]] });
  const plans: ItemPlan[] = [];
  for (const item of items) {
    if (!item.publishedVersionId) continue;
    const published = await loadVersion(item.publishedVersionId);
    if (!published) continue;
    const { workflow } = published;
    let form: Record<string, unknown>;
    try {
      form = item.name === ENTERPRISE_OPENING ? enterpriseOpeningData() : (sampleFor(published.form.jsonSchema as unknown as JsonNode) as Record<string, unknown>);
    } catch {
      form = {};
    }
    plans.push({
      id: item.id,
      versionId: published.version.id,
      name: item.name,
      code: item.implementationCode,
      departmentId: item.departmentId,
      orgUnitId: item.orgUnitId,
      workflow,
      has: { review: workflow.steps.includes("review"), certify: workflow.steps.includes("certify"), deliver: workflow.steps.includes("deliver") },
      co: workflow.coDepartments.map((c) => {
        const departmentId = departments.get(c.department);
        if (!departmentId) throw new Error(`co-department ${c.department} of ${item.name} is not seeded`);
        return { departmentId, task: c.task, section: c.section ?? null };
      }),
      form,
      forEnterprises: ENTERPRISE_ITEMS.has(item.name),
    });
  }
  if (!plans.length) throw new Error("no published items: seed the demo county first");
  return plans;
}

/** The department's first active reviewer acts for it in generated timelines. */
async function departmentActors(): Promise<Map<number, Person>> {
  const reviewers = await User.findAll({ where: { role: "reviewer", active: true }, order: [["id", "ASC"]] });
  const actors = new Map<number, Person>();
  for (const r of reviewers) if (r.departmentId != null && !actors.has(r.departmentId)) actors.set(r.departmentId, { id: r.id, name: r.name, mobile: r.mobile ?? "" });
  return actors;
}

const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"];
const GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "文", "晓燕", "志强", "海燕", "红梅", "德明"];
const TRADES = ["富硒茶业", "汉江物流", "紫府餐饮", "城关建材", "蒿坪农业", "焕古商贸", "向阳文化", "瓦庙食品", "洞河酒店", "双桥建筑"];

async function insertApplicants(count: number, rnd: Random, L: Literals, now: number): Promise<{ citizens: Person[]; enterprises: Person[] }> {
  const first = Number((await sequelize.query<{ id: number | null }>("SELECT MAX(id) AS id FROM users", { type: QueryTypes.SELECT, plain: true }))?.id ?? 0) + 1;
  const hash = (await User.findOne({ order: [["id", "ASC"]] }))?.passwordHash;
  if (!hash) throw new Error("no seeded user to copy a password hash from");
  const citizens: Person[] = [];
  const enterprises: Person[] = [];
  const bulk = new BulkInsert(sequelize, "users", USER_COLUMNS, 2000);
  await sequelize.transaction(async (t) => {
    for (let i = 0; i < count; i++) {
      const id = first + i;
      const enterprise = i % 5 === 4;
      const name = enterprise ? `紫阳县${rnd.pick(TRADES)}${i}号有限公司` : `${rnd.pick(SURNAMES)}${rnd.pick(GIVEN)}`;
      const mobile = `19${String(i).padStart(9, "0")}`;
      (enterprise ? enterprises : citizens).push({ id, name, mobile });
      const created = seconds(now - HISTORY_DAYS * DAY_MS - rnd.int(365) * DAY_MS);
      bulk.add([
        L.num(id), L.str(`bench_${String(i).padStart(7, "0")}`), L.str(name), L.str(enterprise ? "enterprise" : "citizen"), "NULL", L.str(mobile),
        "NULL", L.str(enterprise ? `91610924MA${String(i).padStart(8, "0")}` : null), L.str(hash), L.bool(true), L.ts(created), L.ts(created),
      ]);
      if (bulk.pending >= 10_000) await bulk.flush(t);
    }
    await bulk.flush(t);
  });
  return { citizens, enterprises };
}

function chooseState(age: number, plan: ItemPlan, rnd: Random): { state: CaseState; decision: Decision | null } {
  let state = rnd.weighted(STATE_BY_AGE.find((b) => age <= b.maxAge)!.mix as Record<CaseState, number>);
  if (!plan.has.review && (state === "reviewing" || state === "suspended")) state = "deciding";
  const decided = ["decided", "certified", "delivered", "completed"].includes(state);
  const decision: Decision | null = decided ? (rnd.chance(0.04) ? "deny" : "approve") : null;
  if (state === "certified" && !(plan.has.certify && decision === "approve")) state = "decided";
  if (state === "delivered" && !plan.has.deliver) state = plan.has.certify && decision === "approve" ? "certified" : "decided";
  return { state, decision };
}

/** The timeline that leads to `state`, as the desk and review services write it (at most MAX_EVENTS entries). */
function timeline(plan: ItemPlan, state: CaseState, decision: Decision | null, window: boolean, rnd: Random): EventDraft[] {
  const lead = plan.departmentId;
  const events: EventDraft[] = [{ type: "submit", from: null, to: "submitted", actor: "applicant", note: window ? "窗口收件登记" : "网上提交申请" }];
  const supplementRound = state === "supplementing" || (state !== "submitted" && rnd.chance(0.06));
  if (supplementRound) {
    events.push({ type: "request_supplement", from: "submitted", to: "supplementing", actor: lead, note: "一次性告知补正：申请人身份证明" });
    if (state !== "supplementing") events.push({ type: "supplement", from: "supplementing", to: "submitted", actor: "applicant", note: "申请人已补正材料" });
  }
  if (state === "submitted" || state === "supplementing") return events;
  if (state === "withdrawn") return [...events, { type: "withdraw", from: "submitted", to: "withdrawn", actor: "applicant", note: "申请人撤回申请" }];
  if (state === "not_accepted") return [...events, { type: "refuse", from: "submitted", to: "not_accepted", actor: lead, note: "不予受理：申请事项依法不属于本机关职权范围" }];
  const afterAccept: CaseState = plan.has.review ? "reviewing" : "deciding";
  events.push({ type: "accept", from: "submitted", to: afterAccept, actor: lead, note: plan.co.length ? "受理，并联审查" : "受理" });
  if (state === "suspended") return [...events, { type: "request_supplement", from: "reviewing", to: "suspended", actor: lead, note: "一次性告知补正（暂停计时）：现场核查照片" }];
  if (state === "reviewing") return events;
  if (plan.has.review) events.push({ type: "opinion", from: "reviewing", to: "deciding", actor: lead, note: decision === "deny" ? "牵头审查：不同意" : "牵头审查：同意" });
  if (state === "deciding") return events;
  events.push({ type: "decide", from: "deciding", to: "decided", actor: lead, note: decision === "deny" ? "决定不予许可：申请材料不符合法定条件" : "决定准予许可" });
  let at: CaseState = "decided";
  if (state === "decided") return events;
  if (plan.has.certify && decision === "approve") {
    events.push({ type: "certify", from: at, to: "certified", actor: lead, note: "制证完成" });
    at = "certified";
  }
  if (state === "certified") return events;
  if (plan.has.deliver) {
    events.push({ type: "deliver", from: at, to: "delivered", actor: lead, note: "窗口领取" });
    at = "delivered";
  }
  if (state === "delivered") return events;
  return [...events, { type: "complete", from: at, to: "completed", actor: lead, note: "办结" }];
}

/** Spreads the events between submission and the case's last step; final cases took about their promised time. */
function stamp(events: EventDraft[], submitAt: number, state: CaseState, plan: ItemPlan, now: number, rnd: Random) {
  const open = !["completed", "withdrawn", "not_accepted"].includes(state);
  const budget = open ? (now - submitAt) * (0.3 + 0.65 * rnd.next()) : (plan.workflow.promisedDays + 1.5) * DAY_MS * (0.2 + 0.9 * rnd.next());
  const end = Math.min(submitAt + budget, now - 60_000);
  events.forEach((e, k) => (e.at = seconds(k === 0 ? submitAt : submitAt + ((end - submitAt) * k) / (events.length - 1))));
}

export async function generateCases(options: GenerateOptions): Promise<GenerateReport> {
  const { log } = options;
  const started = performance.now();
  const now = options.now.getTime();
  const today = chinaDate(options.now);
  const rnd = seededRandom(20261127);
  const L = literals(sequelize);
  const sqlite = sequelize.getDialect() === "sqlite";
  const plans = await itemPlans();
  const actors = await departmentActors();
  const calendar: WorkCalendar = await loadCalendar();
  const weights = Object.fromEntries(plans.map((p, i) => [String(i), ITEM_WEIGHTS[p.name] ?? 3])) as Record<string, number>;
  const maxShare = Math.max(...Object.values(weights)) / Object.values(weights).reduce((s, w) => s + w, 0);
  if ((options.cases / HISTORY_DAYS) * maxShare * 1.5 > 9999) throw new Error(`${options.cases} cases would overflow the 4-digit daily tracking sequence`);

  log(`generating ${options.applicants.toLocaleString()} applicants …`);
  const people = await insertApplicants(options.applicants, rnd, L, now);
  const firstCaseId = Number((await sequelize.query<{ id: number | null }>("SELECT MAX(id) AS id FROM cases", { type: QueryTypes.SELECT, plain: true }))?.id ?? 0) + 1;

  const deadlines = new Map<string, { dueDate: string; legalDueDate: string }>();
  const deadlineOf = (p: number, start: string) => {
    const key = `${p}|${start}`;
    let d = deadlines.get(key);
    if (!d) deadlines.set(key, (d = caseDeadlines(start, plans[p].workflow, calendar)));
    return d;
  };
  const coDue = new Map<string, string>();
  const coDueOf = (p: number, start: string, caseDue: string) => {
    const key = `${p}|${start}|${caseDue}`;
    let d = coDue.get(key);
    if (!d) coDue.set(key, (d = coReviewDueDate(start, plans[p].workflow, caseDue, calendar)));
    return d;
  };

  const casesBulk = new BulkInsert(sequelize, "cases", CASE_COLUMNS, 500);
  const tasksBulk = new BulkInsert(sequelize, "review_tasks", TASK_COLUMNS, 2000);
  const eventsBulk = new BulkInsert(sequelize, "case_events", EVENT_COLUMNS, 2000);
  let daySequences = new Map<number, number>();
  let currentDay = -1;

  const buildCase = (i: number, key: string) => {
    const id = firstCaseId + i;
    const dayIndex = Math.floor((i * HISTORY_DAYS) / options.cases);
    if (dayIndex !== currentDay) {
      currentDay = dayIndex;
      daySequences = new Map();
    }
    const age = HISTORY_DAYS - dayIndex;
    const submitDay = addDays(today, -age);
    const p = Number(rnd.weighted(weights));
    const plan = plans[p];
    const sequence = (daySequences.get(p) ?? 0) + 1;
    daySequences.set(p, sequence);
    const applicant = rnd.pick(plan.forEnterprises && people.enterprises.length ? people.enterprises : people.citizens);
    const window = rnd.chance(0.25);
    const submitAt = seconds(chinaMidnight(submitDay) + (7 + 16 * rnd.next()) * 3600_000);
    const { state, decision } = chooseState(age, plan, rnd);
    const events = timeline(plan, state, decision, window, rnd);
    stamp(events, submitAt, state, plan, now, rnd);
    const accept = events.find((e) => e.type === "accept");
    const opinion = events.find((e) => e.type === "opinion");
    const last = events[events.length - 1];
    const { dueDate, legalDueDate } = deadlineOf(p, chinaDate(new Date(accept?.at ?? submitAt)));
    const ended = ["completed", "withdrawn", "not_accepted"].includes(state);
    const completedAt = ended ? last.at! : null;
    const overdue = RUNNING.has(state) ? dueDate < today : completedAt != null && state === "completed" && chinaDate(new Date(completedAt)) > dueDate;
    const joinOutcome = AFTER_REVIEW.has(state) ? (decision === "deny" ? "deny" : "approve") : null;
    const courier = (state === "delivered" || state === "completed") && plan.has.deliver && rnd.chance(0.3);
    const form = { ...plan.form };
    if ("applicantName" in form) form.applicantName = applicant.name;
    if ("mobile" in form) form.mobile = applicant.mobile;

    casesBulk.add([
      L.num(id), L.str(trackingNumber(plan.code, submitDay, sequence)), L.num(plan.id), L.num(plan.versionId), L.num(applicant.id),
      L.str(applicant.name), L.str(applicant.mobile), L.num(plan.departmentId), L.num(plan.orgUnitId), L.str(window ? "window" : "online"),
      L.str(state), L.str(decision), L.str(JSON.stringify(form)), L.str(key), L.ts(submitAt), L.ts(accept?.at ?? null), L.str(dueDate),
      L.str(legalDueDate), L.ts(completedAt), L.num(events.length - 1), L.ts(submitAt), L.ts(last.at!), L.str(joinOutcome),
      L.str(state === "suspended" ? chinaDate(new Date(last.at!)) : null), "NULL", L.str(courier ? "courier" : events.some((e) => e.type === "deliver") ? "window" : null),
      L.str(courier ? "中国邮政EMS" : null), L.str(courier ? `11${String(id).padStart(11, "0")}` : null), L.bool(overdue),
    ]);

    if (accept && plan.has.review) {
      const acceptDay = chinaDate(new Date(accept.at!));
      const reviewEnd = opinion?.at ?? null;
      const pendingReview = state === "reviewing" || state === "suspended";
      const tasks = [
        { departmentId: plan.departmentId, role: "lead", task: "牵头审查", section: null as string | null, due: dueDate, pending: pendingReview },
        ...plan.co.map((c) => ({ ...c, role: "co", due: coDueOf(p, acceptDay, dueDate), pending: pendingReview && rnd.chance(0.6) })),
      ];
      for (const task of tasks) {
        const reviewer = actors.get(task.departmentId) ?? null;
        if (task.pending) {
          const assignee = reviewer && rnd.chance(0.3) ? reviewer.id : null;
          tasksBulk.add([
            L.num(id), L.num(task.departmentId), L.str(task.role), L.str(task.task), L.str(task.section), L.str("pending"), "NULL", "NULL", "NULL",
            L.str(task.due), "NULL", L.num(assignee ? 1 : 0), L.ts(accept.at!), L.ts(accept.at!), L.num(assignee), L.bool(false),
          ]);
          continue;
        }
        const deemed = task.role === "co" && plan.workflow.deemedConsent && rnd.chance(0.03);
        const disagree = task.role === "lead" && decision === "deny";
        const decidedAt = seconds(reviewEnd ?? accept.at! + (now - accept.at!) * rnd.next() * 0.9);
        tasksBulk.add([
          L.num(id), L.num(task.departmentId), L.str(task.role), L.str(task.task), L.str(task.section), L.str("done"),
          L.str(disagree ? "disagree" : "agree"), L.str(disagree ? "申请材料不符合法定条件" : deemed ? null : "同意"), L.num(deemed ? null : reviewer?.id ?? null),
          L.str(task.due), L.ts(decidedAt), L.num(1), L.ts(accept.at!), L.ts(decidedAt), L.num(deemed ? null : reviewer?.id ?? null), L.bool(deemed),
        ]);
      }
    }

    // The spec's 2–6 timeline entries: the review opinion is the first to go when a long path exceeds it.
    const kept = events.length > MAX_EVENTS ? events.filter((e) => e.type !== "opinion").slice(0, MAX_EVENTS) : events;
    for (const e of kept) {
      const actor = e.actor === "applicant" ? { id: applicant.id, name: applicant.name, departmentId: null } : { ...(actors.get(e.actor) ?? { id: null, name: "系统" }), departmentId: e.actor };
      eventsBulk.add([L.num(id), L.str(e.type), L.num(actor.id), L.str(actor.name), L.num(actor.departmentId), L.str(e.from), L.str(e.to), L.str(e.note), L.ts(e.at!)]);
    }
  };

  log(`generating ${options.cases.toLocaleString()} cases over ${HISTORY_DAYS} days across ${plans.length} items …`);
  let lastReport = performance.now();
  let buildMs = 0;
  let insertMs = 0;
  for (let chunk = 0; chunk < options.cases; chunk += CASES_PER_TRANSACTION) {
    const size = Math.min(CASES_PER_TRANSACTION, options.cases - chunk);
    const keys = randomBytes(16 * size).toString("hex");
    const buildStart = performance.now();
    for (let j = 0; j < size; j++) buildCase(chunk + j, keys.slice(32 * j, 32 * j + 32));
    const insertStart = performance.now();
    buildMs += insertStart - buildStart;
    await sequelize.transaction(async (t: Transaction) => {
      // A bigger page cache for the bulk load only (the index B-trees outgrow SQLite's 2 MB default); restored
      // before commit so the measurements below run with the app's own connection settings.
      if (sqlite) await sequelize.query("PRAGMA cache_size = -262144", { transaction: t });
      await casesBulk.flush(t);
      await tasksBulk.flush(t);
      await eventsBulk.flush(t);
      if (sqlite) await sequelize.query("PRAGMA cache_size = -2000", { transaction: t });
    });
    insertMs += performance.now() - insertStart;
    const done = chunk + size;
    if (Math.floor(done / PROGRESS_EVERY) > Math.floor(chunk / PROGRESS_EVERY) || done === options.cases) {
      const elapsed = (performance.now() - started) / 1000;
      const rows = casesBulk.inserted + tasksBulk.inserted + eventsBulk.inserted;
      log(
        `  ${done.toLocaleString()} cases, ${tasksBulk.inserted.toLocaleString()} tasks, ${eventsBulk.inserted.toLocaleString()} events — ` +
          `${elapsed.toFixed(0)} s, ${Math.round(done / elapsed).toLocaleString()} cases/s, ${Math.round(rows / elapsed).toLocaleString()} rows/s` +
          ` (building rows ${(buildMs / 1000).toFixed(0)} s, inserting ${(insertMs / 1000).toFixed(0)} s; last ${PROGRESS_EVERY.toLocaleString()} in ${((performance.now() - lastReport) / 1000).toFixed(1)} s)`,
      );
      lastReport = performance.now();
    }
  }
  const secondsTaken = (performance.now() - started) / 1000;
  const rows = options.applicants + casesBulk.inserted + tasksBulk.inserted + eventsBulk.inserted;
  return {
    cases: casesBulk.inserted,
    tasks: tasksBulk.inserted,
    events: eventsBulk.inserted,
    applicants: options.applicants,
    seconds: secondsTaken,
    rowsPerSecond: rows / secondsTaken,
    firstCaseId,
    lastCaseId: firstCaseId + options.cases - 1,
  };
}
