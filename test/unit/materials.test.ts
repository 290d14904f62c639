import { describe, expect, it } from "vitest";
import { materialInputs, requiredUploads, uploadErrors } from "~/materials/rules";
import { MAX_UPLOAD_BYTES, sniffType } from "~/materials/sniff";
import type { Material } from "~/schemas/types.generated";

const PDF = new TextEncoder().encode("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const HTML = new TextEncoder().encode("<html><script>alert(1)</script></html>");

const material = (key: string, over: Partial<Material> = {}): Material => ({
  key,
  name: `材料${key}`,
  type: "1",
  source: "10",
  necessity: "1",
  form: "2",
  paperCopies: 0,
  ...over,
});

const MATERIALS = [
  material("application_form", { type: "2", blankForm: true }),
  material("id_card"),
  material("paper_only", { form: "1" }),
  material("optional", { necessity: "2" }),
  material("later", { necessity: "3" }),
];

describe("sniffType", () => {
  it("recognises PDF, PNG and JPEG by their first bytes and nothing else", () => {
    expect(sniffType(PDF)?.mime).toBe("application/pdf");
    expect(sniffType(PNG)?.mime).toBe("image/png");
    expect(sniffType(JPG)?.mime).toBe("image/jpeg");
    expect(sniffType(HTML)).toBeNull();
    expect(sniffType(new Uint8Array())).toBeNull();
    expect(sniffType(PDF.slice(0, 4))).toBeNull();
  });
});

describe("material rules", () => {
  it("requires the electronic 必要 materials except the online form itself", () => {
    expect(requiredUploads(MATERIALS).map((m) => m.key)).toEqual(["id_card"]);
    expect(materialInputs(MATERIALS).map((m) => [m.key, m.required])).toEqual([
      ["id_card", true],
      ["optional", false],
      ["later", false],
    ]);
  });

  it("explains each bad file on its material and asks for missing required ones", () => {
    const errors = uploadErrors(
      MATERIALS,
      [
        { materialKey: "optional", fileName: "a.pdf", bytes: HTML },
        { materialKey: "later", fileName: "b.pdf", bytes: new Uint8Array() },
        { materialKey: "paper_only", fileName: "c.pdf", bytes: PDF },
        { materialKey: "nosuch", fileName: "d.pdf", bytes: PDF },
      ],
      true,
    );
    expect(errors).toEqual([
      { path: "materials.optional", message: "材料optional：只能上传 PDF、JPG、PNG 文件（按文件内容识别）" },
      { path: "materials.later", message: "材料later：文件是空的" },
      { path: "materials.paper_only", message: "该事项没有这项材料" },
      { path: "materials.nosuch", message: "该事项没有这项材料" },
      { path: "materials.id_card", message: "请上传材料id_card" },
    ]);
  });

  it("accepts a complete set, and does not require anything for a supplement", () => {
    expect(uploadErrors(MATERIALS, [{ materialKey: "id_card", fileName: "id.jpg", bytes: JPG }], true)).toEqual([]);
    expect(uploadErrors(MATERIALS, [], false)).toEqual([]);
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    big.set(PDF);
    expect(uploadErrors(MATERIALS, [{ materialKey: "id_card", fileName: "big.pdf", bytes: big }], true)[0].message).toMatch(/不能超过 10 MB/);
  });
});
