import { Op } from "sequelize";
import { chinaDateTime } from "~/calendar/china-time";
import { ServiceItem } from "~/catalog/models.server";
import { now as clockNow } from "~/clock.server";
import { sequelize } from "~/db/connection.server";
import { countThisMinute } from "~/db/rate-limit.server";
import { APPLICANT_ROLES, type Role, hasRole } from "~/identity/roles";
import type { CurrentUser } from "~/identity/session.server";
import { departmentNames } from "~/org/names.server";
import { InteractionError } from "./errors.server";
import { ItemQuestion } from "./models.server";
import { cleanText, maskName, textError } from "./text";
import type { MyQuestion, PublicAnswer, QuestionStatus } from "./views";

/** Roles of a department's staff who answer questions on its items. */
export const ANSWERING_ROLES: readonly Role[] = ["reviewer", "dept_admin"];

/** An applicant may ask this many questions in ten minutes (and this many attempts in one minute). */
export const ASK_LIMIT = 5;
const ASK_WINDOW_MS = 10 * 60_000;

export const QUESTION_STATUS_LABELS: Record<QuestionStatus, string> = {
  pending: "待答复",
  answered: "已答复",
  hidden: "已隐藏",
  merged: "已合并",
};

function statusOf(q: ItemQuestion): QuestionStatus {
  if (q.mergedIntoId != null) return "merged";
  if (q.hiddenAt != null) return "hidden";
  return q.answer != null ? "answered" : "pending";
}

/** Answered and neither hidden nor merged: what the guide page shows everyone. */
const PUBLIC = { answer: { [Op.ne]: null }, hiddenAt: null, mergedIntoId: null };
/** Waiting for the department: not answered, hidden or merged. */
const OPEN = { answer: null, hiddenAt: null, mergedIntoId: null };

async function publishedItem(itemId: number): Promise<ServiceItem> {
  const item = await ServiceItem.findByPk(itemId);
  if (!item?.publishedVersionId) throw new InteractionError("该事项不存在或未发布", 404);
  return item;
}

async function questionOr404(id: number): Promise<ItemQuestion> {
  const q = Number.isSafeInteger(id) && id > 0 ? await ItemQuestion.findByPk(id) : null;
  if (!q) throw new InteractionError("该咨询不存在", 404);
  return q;
}

function requireText(kind: Parameters<typeof textError>[0], value: unknown): string {
  const text = cleanText(value);
  const error = textError(kind, text);
  if (error) throw new InteractionError(error);
  return text;
}

/** A signed-in citizen or enterprise asks a public question on a published item. */
export async function askQuestion(user: CurrentUser, itemId: number, question: unknown, now = clockNow()): Promise<ItemQuestion> {
  if (!hasRole(user, APPLICANT_ROLES)) throw new InteractionError("请使用个人或法人账号登录后提问", 403);
  const item = await publishedItem(itemId);
  const text = requireText("question", question);
  // The minute counter is atomic (two simultaneous requests get different counts); the stored questions
  // give the ten-minute window.
  const attempts = await countThisMinute("ask", String(user.id), now);
  const recent = await ItemQuestion.count({ where: { askerId: user.id, createdAt: { [Op.gt]: new Date(now.getTime() - ASK_WINDOW_MS) } } });
  if (attempts > ASK_LIMIT || recent >= ASK_LIMIT) throw new InteractionError("提问过于频繁，请 10 分钟后再试", 429);
  return ItemQuestion.create({
    itemId: item.id,
    departmentId: item.departmentId,
    askerId: user.id,
    askerName: user.name,
    question: text,
    createdAt: now,
    updatedAt: now,
  });
}


/** The guide page's 在线咨询: answered visible questions, and the signed-in applicant's own questions. */
export async function guideQuestions(itemId: number, viewer: CurrentUser | null): Promise<{ answered: PublicAnswer[]; mine: MyQuestion[] }> {
  const [answered, mine, departments] = await Promise.all([
    ItemQuestion.findAll({ where: { itemId, ...PUBLIC }, order: [["answeredAt", "DESC"], ["id", "DESC"]], limit: 50 }),
    viewer && hasRole(viewer, APPLICANT_ROLES)
      ? ItemQuestion.findAll({ where: { itemId, askerId: viewer.id }, order: [["createdAt", "DESC"], ["id", "DESC"]], limit: 20 })
      : Promise.resolve([]),
    departmentNames(),
  ]);
  const targetIds = [...new Set(mine.map((q) => q.mergedIntoId).filter((id): id is number => id != null))];
  const targets = new Map((targetIds.length ? await ItemQuestion.findAll({ where: { id: targetIds } }) : []).map((t) => [t.id, t]));
  return {
    answered: answered.map((q) => ({
      id: q.id,
      question: q.question,
      answer: q.answer ?? "",
      asker: maskName(q.askerName),
      askedAt: chinaDateTime(q.createdAt),
      answeredAt: chinaDateTime(q.answeredAt!),
      department: departments.get(q.departmentId) ?? "",
    })),
    mine: mine.map((q) => {
      const status = statusOf(q);
      const target = q.mergedIntoId != null ? targets.get(q.mergedIntoId) : undefined;
      return {
        id: q.id,
        question: q.question,
        askedAt: chinaDateTime(q.createdAt),
        status,
        statusLabel: QUESTION_STATUS_LABELS[status],
        answer: q.answer,
        hiddenReason: q.hiddenReason,
        // A hidden target is not shown to the asker of the duplicate either.
        mergedInto: target ? { id: target.id, question: target.hiddenAt ? "（该咨询已隐藏）" : target.question, answer: target.hiddenAt ? null : target.answer } : null,
      };
    }),
  };
}

function requireAnsweringStaff(user: CurrentUser): number {
  if (!hasRole(user, ANSWERING_ROLES) || user.departmentId == null) throw new InteractionError("只有事项所属部门的工作人员可以答复咨询", 403);
  return user.departmentId;
}

export interface OpenQuestion {
  id: number;
  itemId: number;
  itemName: string;
  question: string;
  asker: string;
  askedAt: string;
}

/** Questions on the department's items still waiting for an answer, oldest first. */
export async function departmentOpenQuestions(user: CurrentUser, limit = 100): Promise<OpenQuestion[]> {
  const departmentId = requireAnsweringStaff(user);
  const rows = await ItemQuestion.findAll({ where: { departmentId, ...OPEN }, order: [["createdAt", "ASC"], ["id", "ASC"]], limit });
  const items = new Map(
    (await ServiceItem.findAll({ where: { id: [...new Set(rows.map((q) => q.itemId))] }, attributes: ["id", "name"] })).map((i) => [i.id, i.name]),
  );
  return rows.map((q) => ({ id: q.id, itemId: q.itemId, itemName: items.get(q.itemId) ?? "", question: q.question, asker: maskName(q.askerName), askedAt: chinaDateTime(q.createdAt) }));
}

export async function countOpenQuestions(departmentId: number): Promise<number> {
  return ItemQuestion.count({ where: { departmentId, ...OPEN } });
}

/** Staff of the item's department answer a question once; the answer is then public on the guide. */
export async function answerQuestion(user: CurrentUser, questionId: number, answer: unknown, now = clockNow()): Promise<ItemQuestion> {
  const departmentId = requireAnsweringStaff(user);
  const q = await questionOr404(questionId);
  const item = await ServiceItem.findByPk(q.itemId);
  if (!item || item.departmentId !== departmentId) throw new InteractionError("只有事项所属部门的工作人员可以答复该咨询", 403);
  const text = requireText("answer", answer);
  const refusal = (current: ItemQuestion) =>
    current.hiddenAt ? "该咨询已被隐藏，不能答复" : current.mergedIntoId ? "该咨询已合并到其他咨询，请答复合并后的咨询" : current.answer != null ? "该咨询已答复" : null;
  const before = refusal(q);
  if (before) throw new InteractionError(before, 409);
  // Conditional update: of two staff answering at once, one wins and the other is told.
  const [changed] = await ItemQuestion.update(
    { answer: text, answererId: user.id, answeredAt: now, updatedAt: now },
    { where: { id: q.id, ...OPEN } },
  );
  if (changed !== 1) throw new InteractionError(refusal(await questionOr404(q.id)) ?? "该咨询已答复", 409);
  return questionOr404(q.id);
}

function requireCenter(user: CurrentUser) {
  if (!hasRole(user, "center_admin")) throw new InteractionError("只有政务服务中心可以管理咨询", 403);
}

/** The center hides a question (abuse, personal data, off-topic) with a reason the asker sees. */
export async function hideQuestion(user: CurrentUser, questionId: number, reason: unknown, now = clockNow()): Promise<void> {
  requireCenter(user);
  const text = requireText("hideReason", reason);
  const q = await questionOr404(questionId);
  if (q.hiddenAt) throw new InteractionError("该咨询已隐藏", 409);
  await q.update({ hiddenAt: now, hiddenBy: user.id, hiddenReason: text, updatedAt: now });
}

/**
 * The center merges a duplicate into another question of the same item: the duplicate disappears from every
 * list and its asker sees "已合并到…". Questions already merged into the duplicate follow it to the target.
 */
export async function mergeQuestion(user: CurrentUser, duplicateId: number, targetId: number, now = clockNow()): Promise<void> {
  requireCenter(user);
  const duplicate = await questionOr404(duplicateId);
  if (!Number.isSafeInteger(targetId) || targetId <= 0) throw new InteractionError("请选择要合并到的咨询");
  if (duplicateId === targetId) throw new InteractionError("不能把咨询合并到它自己");
  const target = await questionOr404(targetId);
  if (target.itemId !== duplicate.itemId) throw new InteractionError("只能合并同一事项下的咨询");
  if (duplicate.mergedIntoId != null) throw new InteractionError("该咨询已合并过", 409);
  if (target.mergedIntoId != null || target.hiddenAt != null) throw new InteractionError("不能合并到已合并或已隐藏的咨询", 409);
  await sequelize.transaction(async (transaction) => {
    await ItemQuestion.update({ mergedIntoId: target.id, mergedBy: user.id, mergedAt: now, updatedAt: now }, { where: { id: duplicate.id }, transaction });
    await ItemQuestion.update({ mergedIntoId: target.id, updatedAt: now }, { where: { mergedIntoId: duplicate.id }, transaction });
  });
}

export interface ModerationRow {
  id: number;
  itemId: number;
  itemName: string;
  department: string;
  question: string;
  answer: string | null;
  asker: string;
  askedAt: string;
  status: QuestionStatus;
  statusLabel: string;
  hiddenReason: string | null;
  mergedIntoId: number | null;
  /** Other questions of the same item this one may be merged into. */
  mergeTargets: Array<{ id: number; label: string }>;
}

export const MODERATION_FILTERS = { open: "未隐藏", hidden: "已隐藏", merged: "已合并" } as const;
export type ModerationFilter = keyof typeof MODERATION_FILTERS;

/** The center's list: latest questions first, with what each may be merged into. */
export async function moderationList(user: CurrentUser, filter: ModerationFilter = "open", limit = 100): Promise<ModerationRow[]> {
  requireCenter(user);
  const where =
    filter === "hidden" ? { hiddenAt: { [Op.ne]: null }, mergedIntoId: null } : filter === "merged" ? { mergedIntoId: { [Op.ne]: null } } : { hiddenAt: null, mergedIntoId: null };
  const rows = await ItemQuestion.findAll({ where, order: [["createdAt", "DESC"], ["id", "DESC"]], limit });
  const itemIds = [...new Set(rows.map((q) => q.itemId))];
  const [items, departments, candidates] = await Promise.all([
    ServiceItem.findAll({ where: { id: itemIds }, attributes: ["id", "name"] }),
    departmentNames(),
    itemIds.length ? ItemQuestion.findAll({ where: { itemId: itemIds, hiddenAt: null, mergedIntoId: null }, attributes: ["id", "itemId", "question"], order: [["id", "ASC"]] }) : Promise.resolve([]),
  ]);
  const names = new Map(items.map((i) => [i.id, i.name]));
  const short = (text: string) => (Array.from(text).length > 30 ? `${Array.from(text).slice(0, 30).join("")}…` : text);
  return rows.map((q) => {
    const status = statusOf(q);
    return {
      id: q.id,
      itemId: q.itemId,
      itemName: names.get(q.itemId) ?? "",
      department: departments.get(q.departmentId) ?? "",
      question: q.question,
      answer: q.answer,
      asker: maskName(q.askerName),
      askedAt: chinaDateTime(q.createdAt),
      status,
      statusLabel: QUESTION_STATUS_LABELS[status],
      hiddenReason: q.hiddenReason,
      mergedIntoId: q.mergedIntoId,
      mergeTargets: status === "merged" ? [] : candidates.filter((c) => c.itemId === q.itemId && c.id !== q.id).map((c) => ({ id: c.id, label: `#${c.id} ${short(c.question)}` })),
    };
  });
}
