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
import { ENTERPRISE_OPENING, enterpriseOpeningData, newKey, sampleFor, TINY_PDF } from "../support/fixtures";
import { giveOpinion } from "~/cases/review.server";
import { Licence } from "~/licences/models.server";
import { materialInputs } from "~/materials/rules";

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

  it("takes an e-licence from the applicant's library in place of an upload, but never someone else's", async () => {
    // 企业开办 through to 制证 issues the 营业执照 to the citizen.
    const opening = await apply(REQUIRED.map((k) => file(k)));
    if ("errors" in opening) throw new Error(JSON.stringify(opening.errors));
    const reviewers = await Promise.all(["reviewer_scjg", "reviewer_gaj", "reviewer_swj", "reviewer_rsj"].map(userNamed));
    await actOnCase(lead, opening.case.id, { type: "accept" });
    for (const r of reviewers) await giveOpinion(r, { caseId: opening.case.id, opinion: "agree" });
    await actOnCase(lead, opening.case.id, { type: "decide", decision: "approve" });
    await actOnCase(lead, opening.case.id, { type: "certify" });
    const licence = (await Licence.findOne({ where: { caseId: opening.case.id } }))!;

    const food = await itemByName("食品经营许可证核发");
    const published = (await loadPublishedItem(food.id))!;
    const inputs = materialInputs(published.version.materials, [{ id: licence.id, name: licence.name, number: licence.number }]);
    const licenceInput = inputs.find((m) => m.licences.length)!;
    expect(licenceInput.key).toBe("business_licence");
    const others = inputs.filter((m) => m.required && m.key !== "business_licence").map((m) => file(m.key));
    const base = { user: citizen, itemId: food.id, versionId: food.publishedVersionId!, formData: sampleFor(published.form.jsonSchema as never) as Record<string, unknown>, files: others };

    const stranger = await userNamed("ziyang_tea");
    const stolen = await submitApplication({ ...base, user: stranger, submissionKey: newKey(), licencePicks: [{ materialKey: "business_licence", licenceId: licence.id }] });
    expect("errors" in stolen && stolen.errors).toEqual([{ path: "materials.business_licence", message: "营业执照：所选电子证照不可用于此材料" }]);

    const result = await submitApplication({ ...base, submissionKey: newKey(), licencePicks: [{ materialKey: "business_licence", licenceId: licence.id }] });
    if ("errors" in result) throw new Error(JSON.stringify(result.errors));
    const row = (await CaseMaterial.findOne({ where: { caseId: result.case.id, materialKey: "business_licence" } }))!;
    expect(row.mimeType).toBe("text/html");
    expect(fs.readFileSync(path.resolve("data", "uploads", row.storagePath), "utf8")).toContain(licence.number);
  });

  it("records a courier delivery request with the application, after checking it", async () => {
    const bad = await submitApplication({ user: citizen, itemId, versionId, formData: enterpriseOpeningData(), submissionKey: newKey(), files: REQUIRED.map((k) => file(k)), delivery: { method: "courier", recipient: "张三", phone: "1", address: "紫阳县城关镇紫府路18号" } });
    expect("errors" in bad && bad.errors.map((e) => e.path)).toEqual(["delivery.phone"]);
    const good = await submitApplication({ user: citizen, itemId, versionId, formData: enterpriseOpeningData(), submissionKey: newKey(), files: REQUIRED.map((k) => file(k)), delivery: { method: "courier", recipient: "张三", phone: "13912345678", address: "紫阳县城关镇紫府路18号" } });
    if ("errors" in good) throw new Error(JSON.stringify(good.errors));
    expect([good.case.deliveryMethod, good.case.deliveryAddress]).toEqual(["courier", "张三 13912345678 紫阳县城关镇紫府路18号"]);
    const view = await reviewerCaseDetail(lead, good.case.id);
    expect(view.requestedDelivery).toBe("快递送达：张三 13912345678 紫阳县城关镇紫府路18号");
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
