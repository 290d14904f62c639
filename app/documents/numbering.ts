import type { DocumentKind } from "~/schemas/types.generated";

/** The word between the department abbreviation and the year, as county documents are numbered. */
const KIND_WORD: Record<DocumentKind, string> = {
  application: "申",
  receipt: "收",
  acceptance_notice: "受",
  supplement_notice: "补",
  rejection_notice: "不受",
  extension_notice: "延",
  approval_decision: "许",
  denial_decision: "不许",
  licence: "证",
};

/** 紫市监 + 许 + 〔2026〕 + 0007 + 号 → "紫市监许〔2026〕0007号". */
export function documentNumber(abbreviation: string, kind: DocumentKind, year: number, sequence: number): string {
  return `${abbreviation}${KIND_WORD[kind]}〔${year}〕${String(sequence).padStart(4, "0")}号`;
}

export function documentSequenceName(departmentCode: string, kind: DocumentKind, year: number): string {
  return `doc:${departmentCode}:${kind}:${year}`;
}
