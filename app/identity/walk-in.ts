import { creditCodeError } from "./credit-code";
import { idCardError, maskIdCard, mobileError } from "./id-card";

/**
 * An applicant who came to a window in person, as the clerk identified them from their documents: a person by
 * ID card (自然人) or a legal person by 统一社会信用代码 (法人), with the name on the document and a mobile
 * number for the case's SMS and the anonymous progress query.
 */
export interface WalkInApplicant {
  kind: "person" | "legal";
  /** 身份证号码 for a person, 统一社会信用代码 for a legal person; upper case. */
  idNumber: string;
  name: string;
  mobile: string;
}

export const WALK_IN_KIND_LABELS: Record<WalkInApplicant["kind"], string> = { person: "自然人", legal: "法人" };

/** Trims and upper-cases what the clerk typed. */
export function normalizeWalkIn(input: { kind?: unknown; idNumber?: unknown; name?: unknown; mobile?: unknown }): WalkInApplicant {
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  return {
    kind: input.kind === "legal" ? "legal" : "person",
    idNumber: text(input.idNumber).toUpperCase(),
    name: text(input.name).replace(/\s+/g, ""),
    mobile: text(input.mobile),
  };
}

/** Field errors (paths "applicant.<field>") in Chinese; empty when the identity is well-formed. */
export function walkInErrors(applicant: WalkInApplicant): Array<{ path: string; message: string }> {
  const errors: Array<{ path: string; message: string }> = [];
  const idError = applicant.kind === "person" ? idCardError(applicant.idNumber) : creditCodeError(applicant.idNumber);
  if (idError) errors.push({ path: "applicant.idNumber", message: idError });
  if (applicant.kind === "person" && !/^[\u4e00-\u9fa5·]{2,20}$/.test(applicant.name)) {
    errors.push({ path: "applicant.name", message: "请填写身份证上的姓名（2–20 个汉字）" });
  }
  if (applicant.kind === "legal" && (applicant.name.length < 2 || applicant.name.length > 100)) {
    errors.push({ path: "applicant.name", message: "请填写营业执照上的单位名称（2–100 字）" });
  }
  const mobile = mobileError(applicant.mobile);
  if (mobile) errors.push({ path: "applicant.mobile", message: `${mobile}（用于接收办件短信和查询进度）` });
  return errors;
}

/** 身份证 6109**********123X / the credit code in full (it is public), for receipts and lists. */
export function walkInIdLabel(applicant: Pick<WalkInApplicant, "kind" | "idNumber">): string {
  return applicant.kind === "person" ? `身份证 ${maskIdCard(applicant.idNumber)}` : `统一社会信用代码 ${applicant.idNumber}`;
}
