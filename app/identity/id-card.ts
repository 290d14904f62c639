import { chinaDate } from "~/calendar/china-time";

/** GB 11643-1999 citizen ID number: 17 digits + check character (ISO 7064 MOD 11-2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Returns null when valid, else a Chinese message. Checks shape, birth date and the check character. */
export function idCardError(value: string): string | null {
  const id = value.trim().toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return "身份证号码应为 18 位，最后一位可以是数字或 X";
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const born = id.slice(6, 14).replace(/(\d{4})(\d{2})(\d{2})/, "$1-$2-$3");
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || born > chinaDate(new Date())) {
    return "身份证号码中的出生日期不正确";
  }
  if (idCardCheckChar(id.slice(0, 17)) !== id[17]) return "身份证号码校验位不正确，请核对";
  return null;
}

/** 610924199001011234 → 6109**********1234, for lists and logs. */
export function maskIdCard(id: string): string {
  return id.length < 8 ? "****" : `${id.slice(0, 4)}${"*".repeat(id.length - 8)}${id.slice(-4)}`;
}

export function mobileError(value: string): string | null {
  return /^1[3-9]\d{9}$/.test(value.trim()) ? null : "手机号码应为 11 位数字，以 1 开头";
}

/** 13800001234 → 138****1234 */
export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : "****";
}
