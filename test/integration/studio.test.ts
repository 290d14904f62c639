import { beforeAll, describe, expect, it } from "vitest";
import { actOnCase } from "~/cases/desk.server";
import { Case } from "~/cases/models.server";
import { submitApplication } from "~/cases/submit.server";
import { ItemVersion, ServiceItem } from "~/catalog/models.server";
import { loadPublishedItem, versionDocumentErrors } from "~/catalog/service.server";
import type { CurrentUser } from "~/identity/session.server";
import {
  auditTrail,
  draftReview,
  findDraft,
  newItemDraft,
  openItemDraft,
  publishDraft,
  returnDraft,
  saveDraftPart,
  StudioError,
  submitDraft,
  submittedDrafts,
  versionDocument,
  withdrawItem,
} from "~/studio/drafts.server";
import { ItemDraft } from "~/studio/models.server";
import { freshDatabase, itemByName, userNamed } from "../support/db";
import { ENTERPRISE_OPENING, enterpriseOpeningData, newKey } from "../support/fixtures";

let admin: CurrentUser;
let center: CurrentUser;
let citizen: CurrentUser;
let itemId: number;

beforeAll(async () => {
  await freshDatabase();
  admin = await userNamed("scjg_admin");
  center = await userNamed("center");
  citizen = await userNamed("13912345678");
  itemId = (await itemByName(ENTERPRISE_OPENING)).id;
});

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof StudioError ? { status: e.status, message: e.message } : Promise.reject(e)));

describe("studio drafts", () => {
  it("opens one draft per item, a faithful copy of the published version, for the item's own department only", async () => {
    const [a, b] = await Promise.all([openItemDraft(admin, itemId), openItemDraft(admin, itemId)]);
    expect(a.id).toBe(b.id);
    const item = await ServiceItem.findByPk(itemId);
    expect(a.document).toEqual(await versionDocument(item!.publishedVersionId!));
    expect(await versionDocumentErrors(a.document, "scjg")).toEqual([]);

    const reviewer = await userNamed("reviewer_scjg");
    expect(await refusal(openItemDraft(reviewer, itemId))).toEqual({ status: 403, message: "只能配置本部门的事项" });
    const otherAdmin = { ...admin, departmentId: admin.departmentId! + 1 };
    expect(await refusal(openItemDraft(otherAdmin, itemId))).toMatchObject({ status: 403 });
    expect(await refusal(findDraft(otherAdmin, a.id))).toMatchObject({ status: 404 });
    expect(await refusal(saveDraftPart(center, a.id, "item", a.document.item, a.rowVersion))).toMatchObject({ status: 403 });
  });

  it("refuses a bad schema pasted in the JSON tab with a clear message and leaves the draft unchanged", async () => {
    const draft = await openItemDraft(admin, itemId);
    const bad = { ...draft.document.form, schema: { ...draft.document.form.schema, properties: { companyName: { type: "text" } } } };
    const result = await saveDraftPart(admin, draft.id, "form", bad, draft.rowVersion, { strict: true });
    expect("refused" in result && result.refused.length).toBeGreaterThan(0);
    expect("refused" in result && result.refused.every((e) => e.path.startsWith("form"))).toBe(true);
    const after = await ItemDraft.findByPk(draft.id);
    expect(after!.document).toEqual(draft.document);
    expect(after!.rowVersion).toBe(draft.rowVersion);
  });

  it("keeps work in progress from the visual editors, lists what is missing, and refuses a save over a newer one", async () => {
    const draft = await openItemDraft(admin, itemId);
    const saved = await saveDraftPart(admin, draft.id, "item", { ...draft.document.item, consultPhone: "" }, draft.rowVersion);
    if (!("draft" in saved)) throw new Error("refused");
    expect(saved.errors.some((e) => e.path.startsWith("item"))).toBe(true);
    expect(await submitDraft(admin, draft.id)).toEqual(saved.errors);
    expect(await refusal(saveDraftPart(admin, draft.id, "item", draft.document.item, draft.rowVersion))).toEqual({ status: 409, message: "草稿已被他人修改，请刷新后再编辑" });
    const fixed = await saveDraftPart(admin, draft.id, "item", { ...draft.document.item, consultPhone: "0915-4321888" }, saved.draft.rowVersion);
    expect("draft" in fixed && fixed.errors).toEqual([]);
    expect(await saveDraftPart(admin, draft.id, "item", { ...draft.document.item, implementationCode: "X" }, saved.draft.rowVersion + 1)).toEqual({
      refused: [{ path: "item.implementationCode", message: "实施编码不能修改" }],
    });
  });

  it("goes to the center, which sees the changes, returns it with comments, then publishes it atomically", async () => {
    const before = await loadPublishedItem(itemId);
    const openCase = await submitApplication({ user: citizen, itemId, versionId: before!.version.id, formData: enterpriseOpeningData(), submissionKey: newKey() });
    if (!("case" in openCase)) throw new Error("submit refused");

    const draft = await openItemDraft(admin, itemId);
    const workflow = { ...draft.document.workflow, promisedDays: 2 };
    const saved = await saveDraftPart(admin, draft.id, "workflow", workflow, draft.rowVersion);
    if (!("draft" in saved)) throw new Error("refused");
    expect(await submitDraft(admin, draft.id)).toEqual([]);
    expect(await refusal(saveDraftPart(admin, draft.id, "workflow", workflow, saved.draft.rowVersion + 1))).toEqual({ status: 400, message: "草稿已提交中心审核，审核结束前不能修改" });
    expect((await submittedDrafts(center)).map((d) => d.id)).toContain(draft.id);
    expect(await refusal(submittedDrafts(admin))).toMatchObject({ status: 403 });

    const review = await draftReview(center, draft.id);
    expect(review.changes).toContainEqual(expect.objectContaining({ area: "办事指南", label: "咨询电话", before: expect.any(String), after: "0915-4321888" }));
    expect(review.changes).toContainEqual(expect.objectContaining({ area: "审批流程", after: "2" }));

    expect(await refusal(returnDraft(center, draft.id, " "))).toMatchObject({ status: 400 });
    await returnDraft(center, draft.id, "咨询电话请使用政务服务中心统一号码");
    const returned = await findDraft(admin, draft.id);
    expect([returned.status, returned.centerComment]).toEqual(["returned", "咨询电话请使用政务服务中心统一号码"]);
    expect(await submitDraft(admin, draft.id)).toEqual([]);

    expect(await refusal(publishDraft(admin, draft.id))).toMatchObject({ status: 403 });
    const outcomes = await Promise.allSettled([publishDraft(center, draft.id), publishDraft(center, draft.id)]);
    expect(outcomes.filter((o) => o.status === "fulfilled").length).toBe(1);
    const after = await loadPublishedItem(itemId);
    expect(after!.version.id).not.toBe(before!.version.id);
    expect(after!.version.guide.consultPhone).toBe("0915-4321888");
    expect(await ItemVersion.count({ where: { itemId, status: "published" } })).toBe(1);
    expect((await ItemVersion.findByPk(before!.version.id))!.status).toBe("superseded");

    // The open case stays on its version and goes on.
    await actOnCase(await userNamed("reviewer_scjg"), openCase.case.id, { type: "accept" });
    expect((await Case.findByPk(openCase.case.id))!.itemVersionId).toBe(before!.version.id);

    const trail = (await auditTrail(itemId)).map((a) => a.action);
    expect(trail.slice(0, 4)).toEqual(["published", "submitted", "returned", "submitted"]);
    expect(trail).toContain("draft_started");
  });

  it("creates a new item through a draft that becomes its first version", async () => {
    const source = await versionDocument((await itemByName(ENTERPRISE_OPENING)).publishedVersionId!);
    const baseCode = `${source.item.baseCode.slice(0, -2)}99`;
    const doc = { ...source, item: { ...source.item, name: "食品小作坊登记", baseCode, implementationCode: `${source.item.implementationCode.slice(0, 19)}${baseCode}` } };
    const draft = await newItemDraft(admin, doc);
    expect(await refusal(newItemDraft(admin, doc))).toEqual({ status: 400, message: "该实施编码已有一份正在编辑的新事项草稿" });
    expect(await submitDraft(admin, draft.id)).toEqual([]);
    const version = await publishDraft(center, draft.id);
    const item = await ServiceItem.findByPk(version.itemId);
    expect([item!.name, item!.publishedVersionId, item!.departmentId]).toEqual(["食品小作坊登记", version.id, admin.departmentId]);
    expect((await auditTrail(item!.id)).map((a) => a.action)).toEqual(["published", "submitted", "draft_started"]);
  });

  it("withdraws an item: no new applications, open cases go on", async () => {
    const published = await loadPublishedItem(itemId);
    const kase = await submitApplication({ user: citizen, itemId, versionId: published!.version.id, formData: enterpriseOpeningData(), submissionKey: newKey() });
    if (!("case" in kase)) throw new Error("submit refused");
    expect(await refusal(withdrawItem(citizen, itemId, "机构改革"))).toMatchObject({ status: 403 });
    await withdrawItem(admin, itemId, "职能划转至县行政审批服务局");
    expect(await loadPublishedItem(itemId)).toBeNull();
    const late = await submitApplication({ user: citizen, itemId, versionId: published!.version.id, formData: enterpriseOpeningData(), submissionKey: newKey() }).catch((e: Error) => e.message);
    expect(late).toBe("该事项未发布或已停止办理");
    await actOnCase(await userNamed("reviewer_scjg"), kase.case.id, { type: "accept" });
    expect((await Case.findByPk(kase.case.id))!.state).toBe("reviewing");
    expect(await refusal(openItemDraft(admin, itemId))).toEqual({ status: 400, message: "该事项已停止办理，不能再编辑" });
  });
});
