import { Op } from "sequelize";
import { chinaDate, chinaDateTime } from "~/calendar/china-time";
import { now as clockNow } from "~/clock.server";
import { ServiceItem } from "~/catalog/models.server";
import { countThisMinute } from "~/db/rate-limit.server";
import { CASE_STATE_LABELS, DECISION_LABELS } from "./lifecycle";
import { Case, CaseEvent } from "./models.server";
import { TRACKING_NUMBER_PATTERN } from "./tracking-number";

export const TRACK_LIMIT_PER_MINUTE = 10;
const NOT_FOUND = "未查到匹配的办件，请核对办件编号和手机号码";

/** Counts a lookup from one client in the current minute; true when it is over the limit. */
async function overLimit(client: string, now: Date): Promise<boolean> {
  return (await countThisMinute("track", client, now)) > TRACK_LIMIT_PER_MINUTE;
}

/**
 * Anonymous progress query (办件进度查询): the tracking number (full, or the short form printed on the
 * receipt) plus the applicant's mobile number. A wrong number and a wrong phone give the same answer, and
 * each client may ask a few times a minute, so numbers cannot be enumerated.
 */
export async function trackCase(input: { tracking: string; mobile: string; client: string }, now = clockNow()) {
  const tracking = input.tracking.replace(/[\s-]/g, "").toUpperCase();
  const mobile = input.mobile.trim();
  if (!/^1[3-9]\d{9}$/.test(mobile) || !(TRACKING_NUMBER_PATTERN.test(tracking) || /^[0-9A-Z]{4}\d{12}$/.test(tracking))) {
    return { error: "请填写完整的办件编号（或查询码）和申请时留的手机号码", result: null };
  }
  if (await overLimit(input.client, now)) return { error: "查询过于频繁，请一分钟后再试", result: null };
  const kase = await Case.findOne({
    where: { applicantMobile: mobile, trackingNumber: tracking.length === 43 ? tracking : { [Op.like]: `%${tracking}` } },
  });
  if (!kase) return { error: NOT_FOUND, result: null };
  const item = await ServiceItem.findByPk(kase.itemId, { attributes: ["name"] });
  const events = await CaseEvent.findAll({ where: { caseId: kase.id }, order: [["id", "ASC"]], attributes: ["type", "toState", "createdAt"] });
  return {
    error: null,
    result: {
      itemName: item?.name ?? "",
      state: kase.decision ? `${CASE_STATE_LABELS[kase.state]}（${DECISION_LABELS[kase.decision]}）` : CASE_STATE_LABELS[kase.state],
      submittedOn: chinaDate(kase.submittedAt),
      dueDate: kase.dueDate,
      // Steps only: who handled it and what they wrote stay behind the login.
      steps: events.map((e) => ({ at: chinaDateTime(e.createdAt), state: CASE_STATE_LABELS[e.toState as keyof typeof CASE_STATE_LABELS] ?? e.toState })),
    },
  };
}
