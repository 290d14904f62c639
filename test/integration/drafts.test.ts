import { beforeAll, describe, expect, it } from "vitest";
import { submitApplication } from "~/cases/submit.server";
import { Draft, loadDraft, saveDraft } from "~/forms/drafts.server";
import { freshDatabase, itemByName, userNamed } from "../support/db";
import { ENTERPRISE_OPENING, enterpriseOpeningData, newKey } from "../support/fixtures";

beforeAll(async () => {
  await freshDatabase();
});

describe("application drafts", () => {
  it("keeps one draft per applicant and item, replaced by each save, and removed when the case is submitted", async () => {
    const citizen = await userNamed("13912345678");
    const item = await itemByName(ENTERPRISE_OPENING);
    expect(await saveDraft(citizen.id, item.id, item.publishedVersionId!, { companyName: "紫阳县" })).toHaveProperty("savedAt");
    await Promise.all([
      saveDraft(citizen.id, item.id, item.publishedVersionId!, { companyName: "紫阳县汉水" }),
      saveDraft(citizen.id, item.id, item.publishedVersionId!, { companyName: "紫阳县汉水富硒" }),
    ]);
    expect(await Draft.count({ where: { userId: citizen.id, itemId: item.id } })).toBe(1);
    expect((await loadDraft(citizen.id, item.id))?.data.companyName).toMatch(/^紫阳县汉水/);

    const result = await submitApplication({ user: citizen, itemId: item.id, versionId: item.publishedVersionId!, formData: enterpriseOpeningData(), submissionKey: newKey() });
    expect("case" in result).toBe(true);
    expect(await loadDraft(citizen.id, item.id)).toBeNull();
    expect(await Draft.count({ where: { userId: citizen.id, itemId: item.id } })).toBe(0);
  });

  it("keeps a draft begun after the applicant's last submission of the item", async () => {
    const citizen = await userNamed("ziyang_tea");
    const item = await itemByName(ENTERPRISE_OPENING);
    const earlier = new Date(Date.now() - 60_000);
    const result = await submitApplication({ user: citizen, itemId: item.id, versionId: item.publishedVersionId!, formData: enterpriseOpeningData(), submissionKey: newKey(), now: earlier });
    expect("case" in result).toBe(true);
    await saveDraft(citizen.id, item.id, item.publishedVersionId!, { companyName: "紫阳县第二家" });
    expect((await loadDraft(citizen.id, item.id))?.data.companyName).toBe("紫阳县第二家");
    await Draft.destroy({ where: { userId: citizen.id } });
  });

  it("drops an autosave that arrives after its form's application went through", async () => {
    const citizen = await userNamed("13912345678");
    const item = await itemByName(ENTERPRISE_OPENING);
    const key = newKey();
    const result = await submitApplication({ user: citizen, itemId: item.id, versionId: item.publishedVersionId!, formData: enterpriseOpeningData(), submissionKey: key });
    expect("case" in result).toBe(true);
    expect(await saveDraft(citizen.id, item.id, item.publishedVersionId!, { companyName: "迟到的草稿" }, key)).toHaveProperty("savedAt");
    expect(await Draft.count({ where: { userId: citizen.id, itemId: item.id } })).toBe(0);
    expect(await saveDraft(citizen.id, item.id, item.publishedVersionId!, { companyName: "新的一份" }, newKey())).toHaveProperty("savedAt");
    expect(await Draft.count({ where: { userId: citizen.id, itemId: item.id } })).toBe(1);
    await Draft.destroy({ where: { userId: citizen.id } });
  });

  it("refuses nonsense without storing anything", async () => {
    const citizen = await userNamed("13912345678");
    const item = await itemByName(ENTERPRISE_OPENING);
    expect(await saveDraft(citizen.id, item.id, item.publishedVersionId!, [1, 2])).toEqual({ error: "草稿内容无法读取" });
    expect(await saveDraft(citizen.id, item.id, 999999, {})).toEqual({ error: "事项不存在，草稿未保存" });
    expect(await saveDraft(citizen.id, item.id, item.publishedVersionId!, { x: "长".repeat(300_000) })).toEqual({ error: "草稿内容过大" });
    expect(await loadDraft(citizen.id, item.id)).toBeNull();
  });
});
