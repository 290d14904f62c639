import { fn, col } from "sequelize";
import { chinaDateTime } from "~/calendar/china-time";
import { Case } from "~/cases/models.server";
import { summaries, type CaseSummary } from "~/cases/queries.server";
import { now as clockNow } from "~/clock.server";
import { countThisMinute } from "~/db/rate-limit.server";
import { APPLICANT_ROLES, hasRole } from "~/identity/roles";
import type { CurrentUser } from "~/identity/session.server";
import { Department } from "~/org/models.server";
import { InteractionError } from "./errors.server";
import { CaseMessage } from "./models.server";
import { ANSWERING_ROLES, countOpenQuestions } from "./questions.server";
import { cleanText, textError } from "./text";
import type { ThreadMessage } from "./views";

const MESSAGES_PER_MINUTE = 10;

type Side = "applicant" | "department";

/**
 * The thread is the applicant's and the lead department's alone. Everyone else (another applicant, a co-reviewing
 * or unrelated department, the center) gets the same 404, so case ids cannot be probed.
 */
async function threadCase(user: CurrentUser, caseId: number): Promise<{ kase: Case; side: Side }> {
  const kase = Number.isSafeInteger(caseId) && caseId > 0 ? await Case.findByPk(caseId) : null;
  if (kase && hasRole(user, APPLICANT_ROLES) && kase.applicantId === user.id) return { kase, side: "applicant" };
  if (kase && hasRole(user, ANSWERING_ROLES) && user.departmentId != null && kase.leadDepartmentId === user.departmentId) return { kase, side: "department" };
  throw new InteractionError("办件不存在", 404);
}

/** Whether the user may read and write the case's thread (for pages a co-department may also open). */
export async function canUseThread(user: CurrentUser, caseId: number): Promise<boolean> {
  return threadCase(user, caseId).then(
    () => true,
    (error) => {
      if (error instanceof InteractionError) return false;
      throw error;
    },
  );
}

/** Opens the thread: returns its messages, oldest first, and marks the other side's messages read. */
export async function openThread(user: CurrentUser, caseId: number, now = clockNow()): Promise<{ messages: ThreadMessage[]; departmentName: string }> {
  const { kase, side } = await threadCase(user, caseId);
  const fromApplicant = side === "department";
  await CaseMessage.update({ readAt: now }, { where: { caseId: kase.id, fromApplicant, readAt: null } });
  const [rows, department] = await Promise.all([
    CaseMessage.findAll({ where: { caseId: kase.id }, order: [["createdAt", "ASC"], ["id", "ASC"]] }),
    Department.findByPk(kase.leadDepartmentId, { attributes: ["id", "name"] }),
  ]);
  const departmentName = department?.name ?? "承办部门";
  return {
    departmentName,
    messages: rows.map((m) => {
      const mine = m.fromApplicant === (side === "applicant");
      // Applicants see the department, not the individual officer; staff see who wrote.
      const sender = m.fromApplicant ? `申请人 ${m.senderName}` : side === "applicant" ? departmentName : `${departmentName} ${m.senderName}`;
      return { id: m.id, mine, sender, body: m.body, at: chinaDateTime(m.createdAt), read: m.readAt != null };
    }),
  };
}

/** Writes a message into the case's thread as the applicant or as the lead department. */
export async function sendMessage(user: CurrentUser, caseId: number, body: unknown, now = clockNow()): Promise<CaseMessage> {
  const { kase, side } = await threadCase(user, caseId);
  const text = cleanText(body);
  const error = textError("message", text);
  if (error) throw new InteractionError(error);
  if ((await countThisMinute("message", String(user.id), now)) > MESSAGES_PER_MINUTE) throw new InteractionError("留言过于频繁，请稍后再试", 429);
  return CaseMessage.create({
    caseId: kase.id,
    applicantId: kase.applicantId,
    departmentId: kase.leadDepartmentId,
    fromApplicant: side === "applicant",
    senderId: user.id,
    senderName: user.name,
    body: text,
    createdAt: now,
  });
}

async function unreadByCase(where: { applicantId: number } | { departmentId: number }, fromApplicant: boolean): Promise<Map<number, number>> {
  const rows = (await CaseMessage.findAll({
    where: { ...where, fromApplicant, readAt: null },
    attributes: ["caseId", [fn("COUNT", col("id")), "unread"]],
    group: ["case_id"],
    raw: true,
  })) as unknown as Array<{ caseId: number; unread: number | string }>;
  return new Map(rows.map((r) => [Number(r.caseId), Number(r.unread)]));
}

/** The applicant's unread messages from departments, per case and in total. */
export async function applicantUnread(user: CurrentUser): Promise<{ total: number; byCase: Record<number, number> }> {
  const byCase = await unreadByCase({ applicantId: user.id }, false);
  return { total: [...byCase.values()].reduce((a, b) => a + b, 0), byCase: Object.fromEntries(byCase) };
}

export interface UnreadCase extends CaseSummary {
  unread: number;
}

/** The department's cases whose applicants wrote messages nobody in the department has opened yet. */
export async function departmentUnreadCases(user: CurrentUser): Promise<UnreadCase[]> {
  if (!hasRole(user, ANSWERING_ROLES) || user.departmentId == null) throw new InteractionError("您的账号未关联部门", 403);
  const byCase = await unreadByCase({ departmentId: user.departmentId }, true);
  if (!byCase.size) return [];
  const cases = await Case.findAll({ where: { id: [...byCase.keys()] }, order: [["submittedAt", "ASC"]] });
  return (await summaries(cases)).map((s) => ({ ...s, unread: byCase.get(s.id) ?? 0 }));
}

/** What the workbench shows at a glance: questions to answer and applicants' messages not yet read. */
export async function departmentInteractionCounts(user: CurrentUser): Promise<{ openQuestions: number; unreadMessages: number; unreadCases: number }> {
  if (user.departmentId == null) return { openQuestions: 0, unreadMessages: 0, unreadCases: 0 };
  const [openQuestions, byCase] = await Promise.all([countOpenQuestions(user.departmentId), unreadByCase({ departmentId: user.departmentId }, true)]);
  return { openQuestions, unreadMessages: [...byCase.values()].reduce((a, b) => a + b, 0), unreadCases: byCase.size };
}
