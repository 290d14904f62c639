/** GB 32100-2015 统一社会信用代码: 17 characters + a check character (mod 31 over the alphabet below). */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Returns null when valid, else a Chinese message. */
export function creditCodeError(value: string): string | null {
  const code = value.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return "统一社会信用代码应为 18 位数字或大写字母（不含 I、O、Z、S、V）";
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return "统一社会信用代码校验位不正确，请核对";
  return null;
}
