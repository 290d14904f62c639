import type { Transaction } from "sequelize";
import { CaseMaterial } from "~/cases/models.server";
import type { Material } from "~/schemas/types.generated";
import { IssuedDocument } from "~/documents/models.server";
import { Licence } from "~/licences/models.server";
import { licenceFits, uploadErrors, type IncomingFile, type LicencePick } from "./rules";
import { sniffType } from "./sniff";
import { fileStorage } from "./storage.server";

export interface StoredFile {
  materialKey: string;
  fileName: string;
  mimeType: string;
  size: number;
  storagePath: string;
  sha256: string;
}

/**
 * Checks a submission's files against the item's materials and stores the good ones. Nothing is stored when
 * any file is bad; stored files are content-addressed, so storing again (a retry) is harmless.
 */
export async function checkAndStoreFiles(
  materials: readonly Material[],
  files: readonly IncomingFile[],
  requireAll: boolean,
  licences: { picks: readonly LicencePick[]; holderUserId: number } = { picks: [], holderUserId: 0 },
): Promise<{ errors: Array<{ path: string; message: string }> } | { stored: StoredFile[] }> {
  const errors = uploadErrors(materials, files, requireAll, licences.picks);
  const fromLicences = await licenceFiles(materials, licences.picks, licences.holderUserId);
  if (errors.length || "errors" in fromLicences) return { errors: [...errors, ...("errors" in fromLicences ? fromLicences.errors : [])] };
  const stored: StoredFile[] = [...fromLicences.stored];
  for (const file of files) {
    const type = sniffType(file.bytes)!;
    const { key, sha256 } = await fileStorage().put(file.bytes, type.ext);
    const base = file.fileName.replace(/[\\/\u0000-\u001f]/g, "").slice(-150) || `材料.${type.ext}`;
    stored.push({ materialKey: file.materialKey, fileName: base, mimeType: type.mime, size: file.bytes.length, storagePath: key, sha256 });
  }
  return { stored };
}

/**
 * E-licences chosen in place of uploads: each must be the applicant's own and fit the material; its issued
 * certificate (an immutable snapshot) is stored as the material's file.
 */
async function licenceFiles(
  materials: readonly Material[],
  picks: readonly LicencePick[],
  holderUserId: number,
): Promise<{ errors: Array<{ path: string; message: string }> } | { stored: StoredFile[] }> {
  const errors: Array<{ path: string; message: string }> = [];
  const stored: StoredFile[] = [];
  for (const pick of picks) {
    const path = `materials.${pick.materialKey}`;
    const material = materials.find((m) => m.key === pick.materialKey);
    const licence = await Licence.findOne({ where: { id: pick.licenceId, holderUserId } });
    const certificate = licence && (await IssuedDocument.findOne({ where: { kind: "licence", number: licence.number } }));
    if (!material || !licence || !certificate || !licenceFits(material, licence)) {
      errors.push({ path, message: `${material?.name ?? "该材料"}：所选电子证照不可用于此材料` });
      continue;
    }
    const bytes = new TextEncoder().encode(certificate.html);
    const { key, sha256 } = await fileStorage().put(bytes, "html");
    stored.push({ materialKey: material.key, fileName: `电子证照：${licence.name}（${licence.number}）.html`, mimeType: "text/html", size: bytes.length, storagePath: key, sha256 });
  }
  return errors.length ? { errors } : { stored };
}

/** Records stored files as the case's materials, in the caller's transaction. */
export async function attachFiles(caseId: number, userId: number, files: readonly StoredFile[], transaction: Transaction): Promise<void> {
  if (files.length) await CaseMaterial.bulkCreate(files.map((f) => ({ ...f, caseId, uploadedBy: userId })), { transaction });
}
