import type { Transaction } from "sequelize";
import { chinaDate, chineseDate } from "~/calendar/china-time";
import { TemplateRow } from "~/catalog/models.server";
import type { PublishedVersion } from "~/catalog/service.server";
import { shortTrackingNumber } from "~/cases/tracking-number";
import type { Case } from "~/cases/models.server";
import { nextSequenceValue } from "~/db/sequence.server";
import type { DocumentKind } from "~/schemas/types.generated";
import { IssuedDocument } from "./models.server";
import { documentNumber, documentSequenceName } from "./numbering";
import { DOCUMENT_TITLES, renderDocument } from "./render.server";

export interface IssueInput {
  kind: DocumentKind;
  kase: Case;
  published: PublishedVersion;
  issuedBy: number | null;
  now: Date;
  /** Kind-specific data (reason, opinions, licence, missing, fields …). */
  extra: Record<string, unknown>;
  /** A number and title that already exist (an e-licence's own); otherwise the next document number. */
  number?: string;
  title?: string;
}

/** Numbers, renders and stores a document in the caller's transaction; the snapshot is never changed again. */
export async function issueDocument(input: IssueInput, transaction: Transaction): Promise<IssuedDocument> {
  const { kind, kase, published, now } = input;
  const today = chinaDate(now);
  const year = Number(today.slice(0, 4));
  const number =
    input.number ??
    documentNumber(published.department.abbreviation, kind, year, await nextSequenceValue(documentSequenceName(published.department.code, kind, year), transaction));
  const override = await TemplateRow.findOne({ where: { itemVersionId: published.version.id, kind }, transaction });
  const title = input.title ?? override?.title ?? DOCUMENT_TITLES[kind];
  const data = {
    document: { title, number, date: chineseDate(today) },
    department: { name: published.department.name, abbreviation: published.department.abbreviation },
    item: { name: published.item.name, implementationCode: published.item.implementationCode },
    case: {
      trackingNumber: kase.trackingNumber,
      shortNumber: shortTrackingNumber(kase.trackingNumber),
      applicantName: kase.applicantName,
      submittedDate: chineseDate(chinaDate(kase.submittedAt)),
      acceptedDate: kase.acceptedAt ? chineseDate(chinaDate(kase.acceptedAt)) : "",
      dueDate: chineseDate(kase.dueDate),
    },
    // What the applicant filled in, for templates that quote it ({{form.fieldKey}}).
    form: kase.formData,
    ...input.extra,
  };
  const html = renderDocument(kind, data, override?.source);
  return IssuedDocument.create(
    { caseId: kase.id, kind, number, title, html, data, departmentId: published.department.id, issuedBy: input.issuedBy },
    { transaction },
  );
}
