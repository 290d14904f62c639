import type { Transaction } from "sequelize";
import { CaseMaterial } from "~/cases/models.server";
import type { Material } from "~/schemas/types.generated";
import { uploadErrors, type IncomingFile } from "./rules";
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
): Promise<{ errors: Array<{ path: string; message: string }> } | { stored: StoredFile[] }> {
  const errors = uploadErrors(materials, files, requireAll);
  if (errors.length) return { errors };
  const stored: StoredFile[] = [];
  for (const file of files) {
    const type = sniffType(file.bytes)!;
    const { key, sha256 } = await fileStorage().put(file.bytes, type.ext);
    const base = file.fileName.replace(/[\\/\u0000-\u001f]/g, "").slice(-150) || `材料.${type.ext}`;
    stored.push({ materialKey: file.materialKey, fileName: base, mimeType: type.mime, size: file.bytes.length, storagePath: key, sha256 });
  }
  return { stored };
}

/** Records stored files as the case's materials, in the caller's transaction. */
export async function attachFiles(caseId: number, userId: number, files: readonly StoredFile[], transaction: Transaction): Promise<void> {
  if (files.length) await CaseMaterial.bulkCreate(files.map((f) => ({ ...f, caseId, uploadedBy: userId })), { transaction });
}
