/**
 * 好差评 vocabulary and the pure rules of a rating, shared by the server and the forms (no server imports).
 */

export const RATING_LEVELS = [
  { value: 5, label: "非常满意" },
  { value: 4, label: "满意" },
  { value: 3, label: "基本满意" },
  { value: 2, label: "不满意" },
  { value: 1, label: "非常不满意" },
] as const;

export type RatingLevel = 1 | 2 | 3 | 4 | 5;

export function levelLabel(level: number): string {
  return RATING_LEVELS.find((l) => l.value === level)?.label ?? "";
}

/** 不满意 and 非常不满意 are 差评: they need a reason and open a follow-up. */
export const isBadLevel = (level: number) => level <= 2;

/** 服务满意率 counts ratings of 基本满意 and better (PRODUCT.md: ratings ≥ 3 / ratings). */
export const isSatisfiedLevel = (level: number) => level >= 3;

/** The four online sub-ratings, each 1–5. */
export const SUB_RATINGS = [
  { key: "efficiency", label: "办事效率" },
  { key: "guideAccuracy", label: "办事指南精确度" },
  { key: "convenience", label: "办事便捷度" },
  { key: "usability", label: "平台操作性" },
] as const;
export type SubRatingKey = (typeof SUB_RATINGS)[number]["key"];

export const SCORE_LABELS: Record<number, string> = { 5: "5 分", 4: "4 分", 3: "3 分", 2: "2 分", 1: "1 分" };

export const BAD_REASONS = {
  overdue: "办理超时",
  attitude: "态度不好",
  unclear_materials: "材料要求不清",
  repeated_visits: "多次跑腿",
  other: "其他",
} as const;
export type BadReason = keyof typeof BAD_REASONS;

export const COMMENT_MAX = 500;
export const FOLLOW_UP_TEXT_MAX = 1000;

export const FOLLOW_UP_STATES = ["open", "called_back", "resolved"] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];
export const FOLLOW_UP_STATE_LABELS: Record<FollowUpState, string> = {
  open: "待回访",
  called_back: "已回访，待整改",
  resolved: "已整改",
};

/** The follow-up list's state filter, the same for a department and for supervisors. */
export const FOLLOW_UP_FILTERS = [
  { value: "", label: "全部" },
  { value: "pending", label: "未办结" },
  { value: "overdue", label: "已超期" },
  { value: "open", label: FOLLOW_UP_STATE_LABELS.open },
  { value: "called_back", label: FOLLOW_UP_STATE_LABELS.called_back },
  { value: "resolved", label: FOLLOW_UP_STATE_LABELS.resolved },
];

/** Working days the department has to call back and resolve a 差评 (PRODUCT.md: e.g. 5). */
export const FOLLOW_UP_WORKING_DAYS = 5;

export interface RatingInput {
  level: RatingLevel;
  efficiency: number | null;
  guideAccuracy: number | null;
  convenience: number | null;
  usability: number | null;
  comment: string | null;
  reasonCategory: BadReason | null;
  reason: string | null;
}

export interface RatingFieldError {
  path: string;
  message: string;
}

function score(raw: unknown): number | null | "bad" {
  if (raw === undefined || raw === null || raw === "") return null;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : "bad";
}

function text(raw: unknown): string {
  return typeof raw === "string" ? raw.trim() : "";
}

/**
 * Checks what the applicant sent. Sub-ratings are required for cases filed online (they rate the platform);
 * a 差评 must name a reason category and say what went wrong; texts are at most 500 characters.
 */
export function parseRating(raw: Record<string, unknown>, online: boolean): { value: RatingInput } | { errors: RatingFieldError[] } {
  const errors: RatingFieldError[] = [];
  const level = score(raw.level);
  if (level === null || level === "bad") errors.push({ path: "level", message: "请选择总体评价（非常满意至非常不满意）" });
  const subs = {} as Record<SubRatingKey, number | null>;
  for (const { key, label } of SUB_RATINGS) {
    const s = score(raw[key]);
    if (s === "bad" || (s === null && online)) errors.push({ path: key, message: `请为“${label}”打分（1–5 分）` });
    subs[key] = s === "bad" ? null : s;
  }
  const comment = text(raw.comment);
  if (comment.length > COMMENT_MAX) errors.push({ path: "comment", message: `评价内容不能超过 ${COMMENT_MAX} 个字` });
  const bad = typeof level === "number" && isBadLevel(level);
  const category = text(raw.reasonCategory);
  const reason = text(raw.reason);
  if (bad) {
    if (!(category in BAD_REASONS)) errors.push({ path: "reasonCategory", message: "差评请选择原因类别" });
    if (!reason) errors.push({ path: "reason", message: "差评请填写具体原因" });
    else if (reason.length > COMMENT_MAX) errors.push({ path: "reason", message: `差评原因不能超过 ${COMMENT_MAX} 个字` });
  }
  if (errors.length) return { errors };
  return {
    value: {
      level: level as RatingLevel,
      ...subs,
      comment: comment || null,
      reasonCategory: bad ? (category as BadReason) : null,
      reason: bad ? reason : null,
    },
  };
}

/** Follow-up texts: required, trimmed, at most FOLLOW_UP_TEXT_MAX characters. */
export function followUpTextError(value: string, what: string): string | null {
  if (!value.trim()) return `请填写${what}`;
  if (value.trim().length > FOLLOW_UP_TEXT_MAX) return `${what}不能超过 ${FOLLOW_UP_TEXT_MAX} 个字`;
  return null;
}
