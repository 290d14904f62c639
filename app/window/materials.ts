import { uploadableMaterials, type IncomingFile } from "~/materials/rules";
import type { Material } from "~/schemas/types.generated";

/** Form field of a material's "已收纸质件" checkbox at the window. */
export const PAPER_FIELD_PREFIX = "paper:";

export interface WindowMaterialView {
  key: string;
  name: string;
  /** 必要 material: it must be received, scanned or on paper. */
  required: boolean;
  /** Has an electronic form, so the window may scan it. */
  scannable: boolean;
  paperCopies: number;
  notes: string | null;
}

/**
 * What the window receives: every material of the item except the application form itself (filled in with the
 * clerk). 容缺后补 materials may follow later.
 */
export function windowMaterials(materials: readonly Material[]): WindowMaterialView[] {
  const scannable = new Set(uploadableMaterials(materials).map((m) => m.key));
  return materials
    .filter((m) => !m.blankForm)
    .map((m) => ({ key: m.key, name: m.name, required: m.necessity === "1", scannable: scannable.has(m.key), paperCopies: m.paperCopies, notes: m.fillingNotes ?? m.spec ?? null }));
}

/** Every required material must be scanned or ticked as received on paper; unknown keys are refused. */
export function windowMaterialErrors(materials: readonly Material[], files: readonly IncomingFile[], paper: readonly string[]): Array<{ path: string; message: string }> {
  const views = windowMaterials(materials);
  const known = new Set(views.map((m) => m.key));
  const errors = paper.filter((key) => !known.has(key)).map((key) => ({ path: `materials.${key}`, message: "该事项没有这项材料" }));
  const received = new Set([...files.map((f) => f.materialKey), ...paper]);
  for (const m of views) {
    if (m.required && !received.has(m.key)) {
      errors.push({ path: `materials.${m.key}`, message: `${m.name}：请扫描上传，或收取纸质件后勾选“已收纸质件”` });
    }
  }
  return errors;
}

/** The receipt's list: each material and how the window received it. */
export function receivedMaterials(materials: readonly Material[], scannedKeys: readonly string[], paper: readonly string[]): Array<{ name: string; received: string }> {
  return windowMaterials(materials).map((m) => {
    const scans = scannedKeys.filter((k) => k === m.key).length;
    const ways = [scans ? `扫描件 ${scans} 份` : "", paper.includes(m.key) ? `纸质件${m.paperCopies > 0 ? ` ${m.paperCopies} 份` : ""}` : ""].filter(Boolean);
    return { name: m.name, received: ways.length ? `已收（${ways.join("，")}）` : m.required ? "未收" : "未收（非必要或容缺后补）" };
  });
}
