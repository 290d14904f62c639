import type { Material } from "~/schemas/types.generated";
import { ACCEPTED_TYPES, MAX_UPLOAD_BYTES, sniffType } from "./sniff";

/** Form fields carrying a material's file are named "material:<key>"; a chosen e-licence "licence:<key>". */
export const FILE_FIELD_PREFIX = "material:";
export const LICENCE_FIELD_PREFIX = "licence:";

export interface LicenceOption {
  id: number;
  name: string;
  number: string;
}

export interface MaterialInputView {
  key: string;
  name: string;
  required: boolean;
  notes: string | null;
  /** E-licences of the applicant that can stand for this material. */
  licences: LicenceOption[];
}

/** A licence can stand for a material when one's name contains the other's (营业执照 ↔ 营业执照副本). */
export function licenceFits(material: Pick<Material, "name" | "type">, licence: Pick<LicenceOption, "name">): boolean {
  return material.type === "1" && (material.name.includes(licence.name) || licence.name.includes(material.name));
}

export interface LicencePick {
  materialKey: string;
  licenceId: number;
}

/**
 * Materials the applicant must upload when applying online: 必要 materials with an electronic form. The
 * application form itself (the material offered as a blank form) is filled online, and 容缺后补 materials may
 * follow later.
 */
export function requiredUploads(materials: readonly Material[]): Material[] {
  return materials.filter((m) => m.necessity === "1" && m.form !== "1" && !m.blankForm);
}

export function uploadableMaterials(materials: readonly Material[]): Material[] {
  return materials.filter((m) => m.form !== "1" && !m.blankForm);
}

export interface IncomingFile {
  materialKey: string;
  fileName: string;
  bytes: Uint8Array;
}

/** Problems with the files of one submission, each on the material's field ("materials.<key>"). */
export function uploadErrors(
  materials: readonly Material[],
  files: readonly IncomingFile[],
  requireAll: boolean,
  licencePicks: readonly LicencePick[] = [],
): Array<{ path: string; message: string }> {
  const errors: Array<{ path: string; message: string }> = [];
  const byKey = new Map(uploadableMaterials(materials).map((m) => [m.key, m]));
  const accepted = ACCEPTED_TYPES.map((t) => t.label).join("、");
  for (const file of files) {
    const material = byKey.get(file.materialKey);
    const path = `materials.${file.materialKey}`;
    if (!material) {
      errors.push({ path, message: "该事项没有这项材料" });
    } else if (file.bytes.length === 0) {
      errors.push({ path, message: `${material.name}：文件是空的` });
    } else if (file.bytes.length > MAX_UPLOAD_BYTES) {
      errors.push({ path, message: `${material.name}：文件不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB` });
    } else if (!sniffType(file.bytes)) {
      errors.push({ path, message: `${material.name}：只能上传 ${accepted} 文件（按文件内容识别）` });
    }
  }
  if (requireAll) {
    const given = new Set([...files.map((f) => f.materialKey), ...licencePicks.map((p) => p.materialKey)]);
    for (const m of requiredUploads(materials)) {
      if (!given.has(m.key)) errors.push({ path: `materials.${m.key}`, message: `请上传${m.name}` });
    }
  }
  return errors;
}

/** What the upload inputs of a form show for an item's materials. */
export function materialInputs(materials: readonly Material[], licences: readonly LicenceOption[] = []): MaterialInputView[] {
  const required = new Set(requiredUploads(materials).map((m) => m.key));
  return uploadableMaterials(materials).map((m) => ({
    key: m.key,
    name: m.name,
    required: required.has(m.key),
    notes: m.fillingNotes ?? m.spec ?? null,
    licences: licences.filter((l) => licenceFits(m, l)),
  }));
}
