import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CaseActionError } from "~/cases/case-transaction.server";
import { actOnCase } from "~/cases/desk.server";
import { Case, CaseMaterial } from "~/cases/models.server";
import { materialForUser, reviewerCaseDetail } from "~/cases/queries.server";
import { submitApplication } from "~/cases/submit.server";
import { checkAndStoreFiles } from "~/materials/service.server";
import { loadPublishedItem } from "~/catalog/service.server";
import type { CurrentUser } from "~/identity/session.server";
import { freshDatabase, itemByName, userNamed } from "../support/db";
import { ENTERPRISE_OPENING, enterpriseOpeningData, newKey, TINY_PDF } from "../support/fixtures";

let citizen: CurrentUser;
let lead: CurrentUser;
let itemId: number;
let versionId: number;
const REQUIRED = ["articles_of_association", "shareholder_identity", "officer_appointment", "premises_proof"];
const file = (materialKey: string, bytes = TINY_PDF) => ({ materialKey, fileName: `${materialKey}.pdf`, bytes });

beforeAll(async () => {
  await freshDatabase();
  citizen = await userNamed("13912345678");
  lead = await userNamed("reviewer_scjg");
  const item = await itemByName(ENTERPRISE_OPENING);
  itemId = item.id;
  versionId = item.publishedVersionId!;
});

const apply = (files: Array<ReturnType<typeof file>>) =>
  submitApplication({ user: citizen, itemId, versionId, formData: enterpriseOpeningData(), submissionKey: newKey(), files });

describe("materials uploaded with an online application", () => {
  it("refuses an application without its required materials, or with a disguised file, and stores no case", async () => {
    const before = await Case.count();
    const missing = await apply([file(REQUIRED[0])]);
    expect("errors" in missing && missing.errors.map((e) => e.path)).toEqual(REQUIRED.slice(1).map((k) => `materials.${k}`));
    const disguised = await apply([...REQUIRED.slice(1).map((k) => file(k)), file(REQUIRED[0], new TextEncoder().encode("<script>alert(1)</script>"))]);
    expect("errors" in disguised && disguised.errors).toEqual([{ path: `materials.${REQUIRED[0]}`, message: "公司章程：只能上传 PDF、JPG、PNG 文件（按文件内容识别）" }]);
    expect(await Case.count()).toBe(before);
  });

  it("stores the files outside the web root, records them with the case, and shows them only to those involved", async () => {
    const result = await apply(REQUIRED.map((k) => file(k)));
    if ("errors" in result) throw new Error(JSON.stringify(result.errors));
    const rows = await CaseMaterial.findAll({ where: { caseId: result.case.id } });
    expect(rows.map((r) => [r.materialKey, r.mimeType, r.size])).toEqual(REQUIRED.map((k) => [k, "application/pdf", TINY_PDF.length]));
    const stored = path.resolve("data", "uploads", rows[0].storagePath);
    expect(fs.readFileSync(stored)).toEqual(Buffer.from(TINY_PDF));
    expect(stored.startsWith(path.resolve("build"))).toBe(false);

    const view = await reviewerCaseDetail(lead, result.case.id);
    const names = new Map((await loadPublishedItem(itemId))!.version.materials.map((m) => [m.key, m.name]));
    expect(view.materials.map((m) => m.material)).toEqual(REQUIRED.map((k) => names.get(k)));
    expect((await materialForUser(lead, rows[0].id)).id).toBe(rows[0].id);
    expect((await materialForUser(citizen, rows[0].id)).id).toBe(rows[0].id);
    const stranger = await userNamed("ziyang_tea");
    const denied = await materialForUser(stranger, rows[0].id).then(() => null, (e: unknown) => e);
    expect((denied as CaseActionError).status).toBe(404);
  });

  it("adds supplemented files to the case", async () => {
    const result = await apply(REQUIRED.map((k) => file(k)));
    if ("errors" in result) throw new Error(JSON.stringify(result.errors));
    await actOnCase(lead, result.case.id, { type: "request_supplement", missing: ["经办人授权委托书"] });
    const published = (await loadPublishedItem(itemId))!;
    const upload = await checkAndStoreFiles(published.version.materials, [file("agent_authorization")], false);
    if ("errors" in upload) throw new Error(JSON.stringify(upload.errors));
    await actOnCase(citizen, result.case.id, { type: "supplement" }, undefined, upload.stored);
    expect(await CaseMaterial.count({ where: { caseId: result.case.id } })).toBe(5);
  });
});
