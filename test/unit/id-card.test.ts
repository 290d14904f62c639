import { describe, expect, it } from "vitest";
import { idCardCheckChar, idCardError, maskIdCard, maskMobile, mobileError } from "~/identity/id-card";

/** ISO 7064 MOD 11-2 as GB 11643-1999 states it, written independently of the app. */
function expectedCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const chars = "10X98765432";
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number.parseInt(first17.charAt(i), 10) * weights[i];
  return chars.charAt(sum % 11);
}

const withCheck = (first17: string) => `${first17}${expectedCheck(first17)}`;

/** 17-digit prefixes: region (6) + birth date (8) + order (3). */
const PREFIXES = [
  "61092419900101123",
  "11010519491231002",
  "61092420000229004",
  "44030419851031507",
  "61092419000101001",
  "32010620101225888",
  "61092419780615072",
  "51010119991231999",
];

describe("idCardCheckChar", () => {
  it("the well-known example 11010519491231002X ends in X", () => {
    expect(expectedCheck("11010519491231002")).toBe("X");
    expect(idCardCheckChar("11010519491231002")).toBe("X");
  });

  it.each(PREFIXES)("computes the MOD 11-2 check character of %s", (prefix) => {
    expect(idCardCheckChar(prefix)).toBe(expectedCheck(prefix));
  });

  it("covers every check character over the order codes 000–999", () => {
    const seen = new Set<string>();
    for (let order = 0; order < 1000; order++) {
      const prefix = `61092419900101${String(order).padStart(3, "0")}`;
      const check = idCardCheckChar(prefix);
      expect(check).toBe(expectedCheck(prefix));
      seen.add(check);
    }
    expect([...seen].sort().join("")).toBe("0123456789X");
  });
});

describe("idCardError", () => {
  it.each(PREFIXES.map(withCheck))("accepts %s", (id) => {
    expect(idCardError(id)).toBeNull();
  });

  it("accepts a number ending in X, in upper or lower case, and surrounding spaces", () => {
    expect(idCardError("11010519491231002X")).toBeNull();
    expect(idCardError("11010519491231002x")).toBeNull();
    expect(idCardError("  11010519491231002X ")).toBeNull();
  });

  it("rejects every wrong check character", () => {
    for (const prefix of PREFIXES) {
      const right = expectedCheck(prefix);
      for (const wrong of "0123456789X") {
        if (wrong === right) continue;
        expect(idCardError(`${prefix}${wrong}`)).toMatch(/校验位/);
      }
    }
  });

  it("rejects a transposition of two digits", () => {
    const id = withCheck("61092419900101123");
    const swapped = `${id.slice(0, 15)}${id[16]}${id[15]}${id[17]}`;
    expect(swapped).not.toBe(id);
    expect(idCardError(swapped)).not.toBeNull();
  });

  // The check character is right in every case below, so only the birth date can be at fault.
  it.each([
    ["Feb 30", "61092419900230123"],
    ["Feb 29 in a common year", "61092420230229123"],
    ["Feb 29 in 1900 (not a leap year)", "61092419000229123"],
    ["Apr 31", "61092420010431123"],
    ["month 13", "61092419901301123"],
    ["month 00", "61092419900001123"],
    ["day 00", "61092419900100123"],
    ["day 32", "61092419900132123"],
    ["a year before 1900", "61092418991231123"],
    ["a future date", "61092420990101123"],
  ])("rejects a birth date of %s", (_name, prefix) => {
    expect(idCardError(withCheck(prefix))).toMatch(/出生日期/);
  });

  it("rejects a birth date two days ahead and accepts one from a year ago", () => {
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
    expect(idCardError(withCheck(`610924${tomorrow}123`))).toMatch(/出生日期/);
    const lastYear = new Date(Date.now() - 366 * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
    expect(idCardError(withCheck(`610924${lastYear}123`))).toBeNull();
  });

  it.each([
    ["17 characters", "61092419900101123"],
    ["19 characters", `${withCheck("61092419900101123")}0`],
    ["the old 15-digit format", "610924900101123"],
    ["empty", ""],
    ["a leading zero", withCheck("01092419900101123")],
    ["X not at the end", "6109241990010112X4"],
    ["a letter inside", "61092419900101A234"],
    ["full-width digits", "６１０９２４１９９００１０１１２３４"],
  ])("rejects %s as malformed", (_name, value) => {
    expect(idCardError(value)).toMatch(/18 位/);
  });
});

describe("maskIdCard", () => {
  it("keeps the first and last 4 characters of an 18-character number", () => {
    expect(maskIdCard("610924199001011234")).toBe("6109**********1234");
    expect(maskIdCard("11010519491231002X")).toBe("1101**********002X");
  });

  it("never shows the birth date", () => {
    const masked = maskIdCard(withCheck("61092419900101123"));
    expect(masked).toHaveLength(18);
    expect(masked).not.toContain("19900101");
  });

  it.each([[""], ["123"], ["1234567"]])("hides short values %j completely", (value) => {
    expect(maskIdCard(value)).toBe("****");
  });
});

describe("mobileError", () => {
  it.each([["13800001234"], ["19912345678"], ["15000000000"], [" 13800001234 "]])("accepts %j", (value) => {
    expect(mobileError(value)).toBeNull();
  });

  it.each([
    ["second digit 2", "12800001234"],
    ["second digit 0", "10800001234"],
    ["10 digits", "1380000123"],
    ["12 digits", "138000012345"],
    ["country code", "+8613800001234"],
    ["a letter", "1380000123a"],
    ["a landline", "09154321201"],
    ["empty", ""],
  ])("rejects %s", (_name, value) => {
    expect(mobileError(value)).toMatch(/手机号码/);
  });
});

describe("maskMobile", () => {
  it("hides the middle four digits", () => {
    expect(maskMobile("13800001234")).toBe("138****1234");
    expect(maskMobile("19912345678")).toBe("199****5678");
  });

  it.each([[""], ["1380000123"], ["138000012345"]])("hides a value of the wrong length %j completely", (value) => {
    expect(maskMobile(value)).toBe("****");
  });
});
