/** Limits of what people write in 在线交流, in characters (code points, so one Chinese character is one). */
export const LIMITS = {
  question: { min: 5, max: 500, label: "咨询内容" },
  answer: { min: 2, max: 2000, label: "答复内容" },
  message: { min: 1, max: 1000, label: "留言内容" },
  hideReason: { min: 2, max: 200, label: "隐藏理由" },
} as const;

export type TextKind = keyof typeof LIMITS;

/** Trims and normalises line breaks; control characters other than newline and tab are dropped. */
export function cleanText(value: unknown): string {
  return String(value ?? "")
    .replace(/\r\n?/g, "\n")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
    .trim();
}

/** The Chinese error for a text outside its limits, or null when it fits. */
export function textError(kind: TextKind, text: string): string | null {
  const { min, max, label } = LIMITS[kind];
  const length = Array.from(text).length;
  if (length === 0) return `请填写${label}`;
  if (length < min) return `${label}不能少于 ${min} 个字`;
  if (length > max) return `${label}不能超过 ${max} 个字（当前 ${length} 个字）`;
  return null;
}

/** 张三 → 张*, 紫阳县富硒茶业有限公司 → 紫阳县********公司: askers are shown, not identified, on public pages. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  if (chars.length <= 3) return chars[0] + "*".repeat(chars.length - 1);
  const keep = chars.length > 8 ? 3 : 1;
  return chars.slice(0, keep).join("") + "*".repeat(chars.length - keep - 2) + chars.slice(-2).join("");
}
