import { describe, expect, it } from "vitest";
import {
  TRACKING_NUMBER_PATTERN,
  shortTrackingNumber,
  trackingNumber,
  trackingSequenceName,
} from "~/cases/tracking-number";
import { documentNumber, documentSequenceName } from "~/documents/numbering";
import type { DocumentKind } from "~/schemas/types.generated";

/** 县市场监管局 credit code (18) + 行使层级 4 (county) + 基本编码 (12) of 企业开办. */
const CREDIT = "11610924MB29755302";
const BASE = "010117001000";
const CODE = `${CREDIT}4${BASE}`;
/** 县卫健局 code for the same base code. */
const OTHER_CODE = `11610924MB297588084${BASE}`;

describe("trackingNumber", () => {
  it("is the 31-character 实施编码 + yyyyMMdd + a 4-digit sequence, 43 characters", () => {
    expect(CODE).toHaveLength(31);
    const n = trackingNumber(CODE, "2026-11-27", 3);
    expect(n).toBe("11610924MB297553024010117001000202611270003");
    expect(n).toHaveLength(43);
    expect(n.slice(0, 31)).toBe(CODE);
    expect(n.slice(31, 39)).toBe("20261127");
    expect(n.slice(39)).toBe("0003");
    expect(n).toMatch(TRACKING_NUMBER_PATTERN);
  });

  it.each<[number, string]>([
    [1, "0001"],
    [9, "0009"],
    [10, "0010"],
    [42, "0042"],
    [999, "0999"],
    [1000, "1000"],
    [9999, "9999"],
  ])("pads sequence %i to %s", (seq, suffix) => {
    const n = trackingNumber(CODE, "2026-01-05", seq);
    expect(n.slice(39)).toBe(suffix);
    expect(n).toHaveLength(43);
    expect(n).toMatch(TRACKING_NUMBER_PATTERN);
  });

  it.each([[0], [-1], [10000], [12345], [1.5], [Number.NaN]])("rejects sequence %s with a RangeError", (seq) => {
    expect(() => trackingNumber(CODE, "2026-11-27", seq)).toThrow(RangeError);
  });

  it.each([
    ["30 characters", CODE.slice(0, 30)],
    ["32 characters", `${CODE}0`],
    ["empty", ""],
    ["the base code only", BASE],
  ])("rejects an 实施编码 of %s", (_name, code) => {
    expect(() => trackingNumber(code, "2026-11-27", 1)).toThrow(/实施编码/);
  });

  it("different days and codes give different numbers", () => {
    const a = trackingNumber(CODE, "2026-11-27", 1);
    expect(trackingNumber(CODE, "2026-11-28", 1)).not.toBe(a);
    expect(trackingNumber(OTHER_CODE, "2026-11-27", 1)).not.toBe(a);
    expect(trackingNumber(CODE, "2026-11-27", 2)).not.toBe(a);
  });
});

describe("TRACKING_NUMBER_PATTERN", () => {
  const valid = `${CODE}202611270003`;

  it("accepts a well-formed number", () => {
    expect(valid).toMatch(TRACKING_NUMBER_PATTERN);
  });

  it.each([
    ["one character short", valid.slice(0, 42)],
    ["one character long", `${valid}1`],
    ["lowercase letters in the credit code", valid.toLowerCase()],
    ["letter I (not allowed in credit codes)", `I${valid.slice(1)}`],
    ["letter O (not allowed in credit codes)", `${valid.slice(0, 8)}O${valid.slice(9)}`],
    ["level 1 (not a 行使层级)", `${CREDIT}1${BASE}202611270003`],
    ["level 7 (not a 行使层级)", `${CREDIT}7${BASE}202611270003`],
    ["a letter in the date", `${CODE}2026112A0003`],
    ["a letter in the sequence", `${CODE}20261127000A`],
    ["dashes in the date", `${CODE}2026-11-270003`],
  ])("rejects %s", (_name, value) => {
    expect(value).not.toMatch(TRACKING_NUMBER_PATTERN);
  });
});

describe("shortTrackingNumber", () => {
  it("is the base code's last 4, the date and the sequence", () => {
    expect(shortTrackingNumber(trackingNumber(CODE, "2026-11-27", 3))).toBe("1000-20261127-0003");
  });

  it("distinguishes items whose base codes end differently", () => {
    const code = `${CREDIT}4010117000001`;
    expect(shortTrackingNumber(trackingNumber(code, "2026-01-05", 9999))).toBe("0001-20260105-9999");
  });
});

describe("trackingSequenceName", () => {
  it("is stable for the same code and day", () => {
    expect(trackingSequenceName(CODE, "2026-11-27")).toBe(trackingSequenceName(CODE, "2026-11-27"));
  });

  it("differs per day and per 实施编码", () => {
    const names = new Set([
      trackingSequenceName(CODE, "2026-11-27"),
      trackingSequenceName(CODE, "2026-11-28"),
      trackingSequenceName(CODE, "2027-11-27"),
      trackingSequenceName(OTHER_CODE, "2026-11-27"),
      trackingSequenceName(OTHER_CODE, "2026-11-28"),
    ]);
    expect(names.size).toBe(5);
  });
});

describe("documentNumber", () => {
  it("formats like 紫市监许〔2026〕0007号", () => {
    expect(documentNumber("紫市监", "approval_decision", 2026, 7)).toBe("紫市监许〔2026〕0007号");
  });

  it.each<[DocumentKind, string]>([
    ["application", "紫审批申〔2026〕0001号"],
    ["acceptance_notice", "紫审批受〔2026〕0001号"],
    ["supplement_notice", "紫审批补〔2026〕0001号"],
    ["rejection_notice", "紫审批不受〔2026〕0001号"],
    ["approval_decision", "紫审批许〔2026〕0001号"],
    ["denial_decision", "紫审批不许〔2026〕0001号"],
    ["licence", "紫审批证〔2026〕0001号"],
  ])("uses the kind word for %s", (kind, expected) => {
    expect(documentNumber("紫审批", kind, 2026, 1)).toBe(expected);
  });

  it("gives every document kind a distinct number for the same sequence", () => {
    const kinds: DocumentKind[] = [
      "application",
      "acceptance_notice",
      "supplement_notice",
      "rejection_notice",
      "approval_decision",
      "denial_decision",
      "licence",
    ];
    expect(new Set(kinds.map((k) => documentNumber("紫卫健", k, 2026, 12))).size).toBe(kinds.length);
  });

  it.each<[number, string]>([
    [1, "0001"],
    [42, "0042"],
    [9999, "9999"],
    [12345, "12345"],
  ])("pads sequence %i to %s without truncating", (seq, digits) => {
    expect(documentNumber("紫市监", "licence", 2027, seq)).toBe(`紫市监证〔2027〕${digits}号`);
  });

  it("documentSequenceName differs per department, kind and year", () => {
    const names = new Set([
      documentSequenceName("scjg", "approval_decision", 2026),
      documentSequenceName("scjg", "approval_decision", 2027),
      documentSequenceName("scjg", "denial_decision", 2026),
      documentSequenceName("wsjk", "approval_decision", 2026),
    ]);
    expect(names.size).toBe(4);
    expect(documentSequenceName("scjg", "licence", 2026)).toBe(documentSequenceName("scjg", "licence", 2026));
  });
});
