import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { bundledSchema } from "~/schemas/bundle.server";
import { createAjv, validateAgainst } from "~/schemas/validate.server";

const seed = () => JSON.parse(fs.readFileSync("seeds/items/01-enterprise-opening.json", "utf8")).version;

describe("self-contained schemas for the studio's editors", () => {
  it("has only local references and accepts and refuses exactly what the platform schemas do", () => {
    for (const id of ["service-item.schema.json", "material.schema.json", "workflow.schema.json", "template-manifest.schema.json", "item-version.schema.json"]) {
      expect(JSON.stringify(bundledSchema(id))).not.toMatch(/"\$ref":"[^#]/);
    }
    const validate = createAjv().compile(bundledSchema("item-version.schema.json"));
    const good = seed();
    const bad = { ...good, item: { ...good.item, itemType: "不存在的类型" }, materials: [{ ...good.materials[0], necessity: "9" }] };
    for (const doc of [good, bad]) expect(validate(doc)).toBe(validateAgainst("item-version.schema.json", doc).length === 0);
    expect(validate(bad)).toBe(false);
  });
});
