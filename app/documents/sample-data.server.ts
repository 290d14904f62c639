import type { DocumentKind, ItemVersionDocument } from "~/schemas/types.generated";
import { DOCUMENT_TITLES } from "./render.server";

/**
 * Example data in the shape issueDocument renders with (document, department, item, case, form, and each
 * kind's extras), for previewing a template in the studio: a misspelt field fails here as it would for real.
 */
export function sampleDocumentData(kind: DocumentKind, doc: ItemVersionDocument, departmentName: string): Record<string, unknown> {
  const form: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(doc.form.schema.properties as Record<string, { title?: string; type?: string }>)) {
    form[key] = s.type === "number" ? 100 : s.type === "boolean" ? true : s.type === "array" ? [] : s.type === "object" ? {} : `（${s.title ?? key}）`;
  }
  const extras: Partial<Record<DocumentKind, Record<string, unknown>>> = {
    acceptance_notice: { parallel: "县公安局、县税务局" },
    rejection_notice: { reason: "（不予受理的理由）" },
    supplement_notice: { missing: ["（需补正的材料）"] },
    extension_notice: { reason: "（延期理由）", days: 10 },
    approval_decision: { opinions: [], reason: "", licence: { name: doc.templates.licence?.name ?? "（证照名称）", number: "（证照编号）", verifyCode: "ABCD1234" }, fields: [] },
    denial_decision: { opinions: [], reason: "（不予许可的理由）", licence: null, fields: [] },
    licence: { licence: { name: doc.templates.licence?.name ?? "（证照名称）", number: "（证照编号）", holderName: "张三", holderId: "6109**********123X", issuedOn: "2026年11月27日", verifyCode: "ABCD1234" } },
  };
  return {
    document: { title: DOCUMENT_TITLES[kind], number: "紫〔2026〕0001号", date: "2026年11月27日" },
    department: { name: departmentName, abbreviation: "紫" },
    item: { name: doc.item.name, implementationCode: doc.item.implementationCode },
    case: {
      trackingNumber: `${doc.item.implementationCode}202611270001`,
      shortNumber: "1127-0001",
      applicantName: "张三",
      submittedDate: "2026年11月27日",
      acceptedDate: "2026年11月27日",
      dueDate: "2026年12月4日",
    },
    form,
    ...extras[kind],
  };
}
