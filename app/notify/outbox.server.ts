import type { Transaction } from "sequelize";
import { insertRow } from "~/db/insert-row.server";
import { OutboxMessage } from "./models.server";

/** Message texts per event; variables come from the payload. */
export const SMS_TEMPLATES = {
  case_submitted: "【紫阳县政务服务】您的{item}申请已提交，办件编号{tracking}，请留意受理结果。",
  case_accepted: "【紫阳县政务服务】您的{item}申请已受理，承诺于{due}前办结，办件编号{tracking}。",
  case_not_accepted: "【紫阳县政务服务】您的{item}申请不予受理，请登录网上办事大厅查看决定书，办件编号{tracking}。",
  case_supplement: "【紫阳县政务服务】您的{item}申请需要补正材料，请登录网上办事大厅查看告知书，办件编号{tracking}。",
  case_extended: "【紫阳县政务服务】您的{item}申请依法延期，延长后的办结期限为{due}，办件编号{tracking}。",
  case_reviewed: "【紫阳县政务服务】您的{item}申请各部门已审查完毕，等待作出决定，办件编号{tracking}。",
  case_decided: "【紫阳县政务服务】您的{item}申请已作出{decision}决定，请登录网上办事大厅查看决定书，办件编号{tracking}。",
  case_shipped: "【紫阳县政务服务】您的{item}办理结果已通过{courier}寄出，运单号{waybill}，办件编号{tracking}。",
  case_completed: "【紫阳县政务服务】您的{item}申请已办结（{decision}），请登录网上办事大厅查看，办件编号{tracking}。",
} as const;

export type SmsTemplate = keyof typeof SMS_TEMPLATES;

export function smsText(template: SmsTemplate, payload: Record<string, string>): string {
  return SMS_TEMPLATES[template].replace(/\{(\w+)\}/g, (_, key: string) => payload[key] ?? "");
}

/** Written in the caller's transaction, so a message exists if and only if its case event does. */
export async function enqueueSms(
  transaction: Transaction,
  message: { recipient: string; template: SmsTemplate; payload: Record<string, string>; caseId: number },
): Promise<void> {
  await insertRow(
    OutboxMessage,
    { channel: "sms", status: "pending", attempts: 0, nextAttemptAt: new Date(), sentAt: null, lastError: null, ...message },
    transaction,
  );
}
