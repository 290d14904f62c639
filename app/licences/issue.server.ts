import { randomBytes } from "node:crypto";
import type { Transaction } from "sequelize";
import { chinaDate, chineseDate } from "~/calendar/china-time";
import { issueDocument } from "~/documents/issue.server";
import type { PublishedVersion } from "~/catalog/service.server";
import type { Case } from "~/cases/models.server";
import { nextSequenceValue } from "~/db/sequence.server";
import { documentNumber, documentSequenceName } from "~/documents/numbering";
import { User } from "~/identity/models.server";
import { Licence } from "./models.server";

const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/** 12 characters without look-alikes (0/O, 1/I), for typing from paper. */
export function verificationCode(): string {
  return [...randomBytes(12)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join("");
}

/** Issues the item's e-licence on approval, if its version defines one. */
export async function issueLicence(kase: Case, published: PublishedVersion, now: Date, transaction: Transaction): Promise<Licence | null> {
  const template = published.version.licence;
  if (!template) return null;
  const applicant = await User.findByPk(kase.applicantId, { transaction });
  const field = (name?: string) => (name && typeof kase.formData[name] === "string" ? (kase.formData[name] as string) : null);
  const today = chinaDate(now);
  const year = Number(today.slice(0, 4));
  const sequence = await nextSequenceValue(documentSequenceName(published.department.code, "licence", year), transaction);
  const licence = await Licence.create(
    {
      caseId: kase.id,
      number: documentNumber(published.department.abbreviation, "licence", year, sequence),
      name: template.name,
      holderName: field(template.holderField) ?? kase.applicantName,
      holderId: field(template.holderIdField) ?? applicant?.creditCode ?? applicant?.idCard ?? null,
      holderUserId: kase.applicantId,
      departmentId: published.department.id,
      issuedOn: today,
      verifyCode: verificationCode(),
    },
    { transaction },
  );
  // The certificate itself, as an issued document: printable, and reusable as a material later.
  await issueDocument(
    {
      kind: "licence",
      kase,
      published,
      issuedBy: null,
      now,
      number: licence.number,
      title: licence.name,
      extra: { licence: { name: licence.name, number: licence.number, holderName: licence.holderName, holderId: licence.holderId ?? "", issuedOn: chineseDate(licence.issuedOn), verifyCode: licence.verifyCode } },
    },
    transaction,
  );
  return licence;
}
