import type { CreationAttributes, Transaction } from "sequelize";
import { insertRow } from "~/db/insert-row.server";
import { OutboxMessage } from "./models.server";
import { config } from "~/config.server";

/** Message texts per event; variables come from the payload. */
export const SMS_TEMPLATES = {
  case_submitted: "【紫阳县政务服务】您的{item}申请已提交，办件编号{tracking}，请留意受理结果。",
  case_window_received: "【紫阳县政务服务】政务服务中心窗口已收到您的{item}申请材料，办件编号{tracking}，可凭办件编号和本手机号码在网上办事大厅查询进度。",
  case_accepted: "【紫阳县政务服务】您的{item}申请已受理，承诺于{due}前办结，办件编号{tracking}。",
  case_not_accepted: "【紫阳县政务服务】您的{item}申请不予受理，办件编号{tracking}，决定书见{link}",
  case_supplement: "【紫阳县政务服务】您的{item}申请需要补正材料，办件编号{tracking}，请按告知书补正：{link}",
  case_extended: "【紫阳县政务服务】您的{item}申请依法延期，延长后的办结期限为{due}，办件编号{tracking}。",
  case_reviewed: "【紫阳县政务服务】您的{item}申请各部门已审查完毕，等待作出决定，办件编号{tracking}。",
  case_decided: "【紫阳县政务服务】您的{item}申请已作出{decision}决定，办件编号{tracking}，决定书见{link}",
  case_shipped: "【紫阳县政务服务】您的{item}办理结果已通过{courier}寄出，运单号{waybill}，办件编号{tracking}。",
  case_completed: "【紫阳县政务服务】您的{item}申请已办结（{decision}），办件编号{tracking}，欢迎评价：{link}",
  reviewer_reminder: "【紫阳县政务服务】{name}您好：{department}有{overdue}件办件已超期、{soon}件将在2个工作日内到期，请及时处理：{link}",
} as const;

export type SmsTemplate = keyof typeof SMS_TEMPLATES;

/** Subjects of the messages that also go out by e-mail. */
const EMAIL_SUBJECTS: Partial<Record<SmsTemplate, string>> = {
  reviewer_reminder: "【紫阳县政务服务】办件到期提醒（{date}）",
};

/**
 * Messages an applicant cannot opt out of: notices with legal effect or that ask them to act (受理, 不予受理,
 * 补正, 延期, 决定, 寄出). The rest only report progress they can see online.
 */
const ESSENTIAL: ReadonlySet<string> = new Set<SmsTemplate>(["case_accepted", "case_not_accepted", "case_supplement", "case_extended", "case_decided", "case_shipped"]);

export const isEssential = (template: string) => ESSENTIAL.has(template);

/** The hall's public address (HALL_URL), for links in messages. */
export const hallUrl = () => config().hallUrl;

/** The applicant's page of a case. */
export const caseLink = (caseId: number) => `${hallUrl()}/my/cases/${caseId}`;

const fill = (text: string, payload: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, key: string) => payload[key] ?? "");

export function smsText(template: SmsTemplate, payload: Record<string, string>): string {
  return fill(SMS_TEMPLATES[template], payload);
}

export function emailContent(template: SmsTemplate, payload: Record<string, string>): { subject: string; text: string } {
  return { subject: fill(EMAIL_SUBJECTS[template] ?? "【紫阳县政务服务】通知", payload), text: smsText(template, payload) };
}

export interface SmsMessage {
  recipient: string;
  template: SmsTemplate;
  payload: Record<string, string>;
}

/** The outbox row of a text message about a case, without its case. */
export function smsRow(message: SmsMessage): Omit<CreationAttributes<OutboxMessage>, "caseId"> {
  return { channel: "sms", status: "pending", attempts: 0, nextAttemptAt: new Date(), sentAt: null, lastError: null, ...message };
}

/** Written in the caller's transaction, so a message exists if and only if its case event does. */
export async function enqueueSms(transaction: Transaction, message: SmsMessage & { caseId: number }): Promise<void> {
  await insertRow(OutboxMessage, { ...smsRow(message), caseId: message.caseId }, transaction);
}

/** Enqueues each message unless one with the same dedupe key exists already (written by any process, ever). */
export async function enqueueOnce(
  messages: Array<{ channel: "sms" | "email"; recipient: string; template: SmsTemplate; payload: Record<string, string>; dedupeKey: string }>,
  now: Date,
): Promise<void> {
  if (!messages.length) return;
  await OutboxMessage.bulkCreate(
    messages.map((m) => ({ ...m, caseId: null, status: "pending" as const, attempts: 0, nextAttemptAt: now, sentAt: null, lastError: null })),
    { ignoreDuplicates: true },
  );
}
