/** File types accepted for materials, recognised by their first bytes — never by name or browser claim. */
export const ACCEPTED_TYPES = [
  { mime: "application/pdf", ext: "pdf", label: "PDF", magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mime: "image/jpeg", ext: "jpg", label: "JPG", magic: [0xff, 0xd8, 0xff] },
  { mime: "image/png", ext: "png", label: "PNG", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
] as const;

export type AcceptedMime = (typeof ACCEPTED_TYPES)[number]["mime"];

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export function sniffType(bytes: Uint8Array): (typeof ACCEPTED_TYPES)[number] | null {
  return ACCEPTED_TYPES.find((t) => t.magic.every((b, i) => bytes[i] === b)) ?? null;
}
