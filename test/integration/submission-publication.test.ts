import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { CaseActionError } from "~/cases/case-transaction.server";
import { Case } from "~/cases/models.server";
import { submitApplication } from "~/cases/submit.server";
import { ServiceItem } from "~/catalog/models.server";
import { publishVersion } from "~/catalog/service.server";
import type { CurrentUser } from "~/identity/session.server";
import type { SeedItem } from "~/schemas/types.generated";
import { freshDatabase, itemByName, userNamed } from "../support/db";
import { ENTERPRISE_OPENING, enterpriseOpeningData, newKey } from "../support/fixtures";

let citizen: CurrentUser;

beforeAll(async () => {
  await freshDatabase();
  citizen = await userNamed("13912345678");
});

const seed = () => JSON.parse(fs.readFileSync("seeds/items/01-enterprise-opening.json", "utf8")) as SeedItem;

describe("a submission and the item's publication", () => {
  it("refuses a form of a superseded version, but a retry of a submission that went through still gets its case", async () => {
    const item = await itemByName(ENTERPRISE_OPENING);
    const oldVersion = item.publishedVersionId!;
    const key = newKey();
    const first = await submitApplication({ user: citizen, itemId: item.id, versionId: oldVersion, formData: enterpriseOpeningData(), submissionKey: key });
    if (!("case" in first)) throw new Error("first submission refused");

    const { version, department } = seed();
    const republished = await publishVersion(version, { departmentCode: department });
    expect(republished.id).not.toBe(oldVersion);
    const cases = await Case.count();

    const stale = await submitApplication({ user: citizen, itemId: item.id, versionId: oldVersion, formData: enterpriseOpeningData(), submissionKey: newKey() });
    expect("errors" in stale && stale.errors[0].message).toMatch(/已更新/);
    expect(await Case.count()).toBe(cases);

    const retry = await submitApplication({ user: citizen, itemId: item.id, versionId: oldVersion, formData: enterpriseOpeningData(), submissionKey: key });
    expect(retry).toMatchObject({ created: false });
    expect("case" in retry && retry.case.id).toBe(first.case.id);

    const current = await submitApplication({ user: citizen, itemId: item.id, versionId: republished.id, formData: enterpriseOpeningData(), submissionKey: newKey() });
    expect("case" in current && current.case.itemVersionId).toBe(republished.id);
  });

  it("refuses any submission once the item is withdrawn", async () => {
    const item = await itemByName(ENTERPRISE_OPENING);
    const versionId = item.publishedVersionId!;
    await ServiceItem.update({ publishedVersionId: null }, { where: { id: item.id } });
    const cases = await Case.count();
    const refused = await submitApplication({ user: citizen, itemId: item.id, versionId, formData: enterpriseOpeningData(), submissionKey: newKey() }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CaseActionError);
    expect((refused as CaseActionError).message).toBe("该事项未发布或已停止办理");
    expect(await Case.count()).toBe(cases);
  });
});
