import { beforeAll, describe, expect, it } from "vitest";
import { CaseActionError } from "~/cases/case-transaction.server";
import { Case, CaseEvent, CaseMaterial } from "~/cases/models.server";
import { applicantCaseDetail, myCases } from "~/cases/queries.server";
import { submitApplication, type SubmitInput } from "~/cases/submit.server";
import { trackCase } from "~/cases/tracking.server";
import { TRACKING_NUMBER_PATTERN, shortTrackingNumber } from "~/cases/tracking-number";
import { loadPublishedItem } from "~/catalog/service.server";
import { IssuedDocument } from "~/documents/models.server";
import { authenticate, registerCitizen } from "~/identity/accounts.server";
import { idCardCheckChar } from "~/identity/id-card";
import { User } from "~/identity/models.server";
import { startSession, toCurrentUser, type CurrentUser } from "~/identity/session.server";
import { normalizeWalkIn, type WalkInApplicant } from "~/identity/walk-in";
import { UNCLAIMED_PASSWORD } from "~/identity/walk-in.server";
import { OutboxMessage } from "~/notify/models.server";
import { loader as workbenchLoader } from "~/routes/workbench/queue";
import { loader as windowHomeLoader } from "~/routes/window/home";
import { action as intakeAction, loader as intakeLoader } from "~/routes/window/intake";
import { loader as receiptLoader } from "~/routes/window/receipt";
import { freshDatabase, itemByName, userNamed } from "../support/db";
import { newKey, sampleFor, TINY_PDF, type JsonNode } from "../support/fixtures";

const ITEM = "个体工商户设立登记";
// Thursday 2026-11-26, 10:00 China time.
const NOW = new Date("2026-11-26T02:00:00Z");

let clerk: CurrentUser;
let citizen: CurrentUser;
let reviewer: CurrentUser;
let itemId: number;
let versionId: number;
let formData: Record<string, unknown>;

/** A valid ID card number with the given first 17 digits' check character. */
const idCard = (first17: string) => first17 + idCardCheckChar(first17);

const zhangSan: WalkInApplicant = { kind: "person", idNumber: "61092419900315123X", name: "张三", mobile: "13912345678" };

function intakeInput(applicant: WalkInApplicant, overrides: Partial<SubmitInput> = {}): SubmitInput {
  return {
    user: clerk,
    itemId,
    versionId,
    formData,
    files: [],
    submissionKey: newKey(),
    intake: { channel: "window", applicant, paper: ["operator_identity", "premises_proof"] },
    now: NOW,
    ...overrides,
  };
}

async function intake(input: SubmitInput) {
  const result = await submitApplication(input);
  if ("errors" in result) throw new Error(JSON.stringify(result.errors));
  return result;
}

const counts = async () => ({ cases: await Case.count(), users: await User.count(), outbox: await OutboxMessage.count(), documents: await IssuedDocument.count() });

async function as(user: CurrentUser, url: string, init: RequestInit = {}) {
  const cookie = (await startSession(user.id, null)).split(";")[0];
  return new Request(url, { ...init, headers: { ...(init.headers as Record<string, string>), Cookie: cookie } });
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => null, (e: unknown) => e);
}

beforeAll(async () => {
  await freshDatabase();
  [clerk, citizen, reviewer] = await Promise.all(["window01", "13912345678", "reviewer_scjg"].map(userNamed));
  const item = await itemByName(ITEM);
  itemId = item.id;
  versionId = item.publishedVersionId!;
  const published = (await loadPublishedItem(itemId))!;
  formData = sampleFor(published.form.jsonSchema as unknown as JsonNode) as Record<string, unknown>;
});

describe("window intake (窗口收件)", () => {
  it("registers a window case with a tracking number, deadlines, the clerk on the timeline, an SMS and a receipt", async () => {
    const scan = { materialKey: "operator_identity", fileName: "身份证扫描.pdf", bytes: TINY_PDF };
    const { case: kase, created } = await intake(intakeInput(zhangSan, { files: [scan], intake: { channel: "window", applicant: zhangSan, paper: ["premises_proof"] } }));
    expect(created).toBe(true);
    expect(kase.channel).toBe("window");
    expect(kase.state).toBe("submitted");
    expect(kase.trackingNumber).toMatch(TRACKING_NUMBER_PATTERN);
    expect(kase.trackingNumber).toContain("20261126");
    expect(kase.dueDate > "2026-11-26").toBe(true);
    expect(kase.legalDueDate >= kase.dueDate).toBe(true);
    expect(kase.applicantName).toBe("张三");
    expect(kase.applicantMobile).toBe("13912345678");

    const events = await CaseEvent.findAll({ where: { caseId: kase.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "submit", actorId: clerk.id, actorName: "陈丽", departmentId: clerk.departmentId, toState: "submitted" });
    expect(events[0].note).toMatch(/^窗口收件/);

    const sms = await OutboxMessage.findAll({ where: { caseId: kase.id } });
    expect(sms.map((m) => [m.channel, m.recipient, m.template])).toEqual([["sms", "13912345678", "case_window_received"]]);
    expect(sms[0].payload).toMatchObject({ tracking: kase.trackingNumber, item: ITEM });

    const materials = await CaseMaterial.findAll({ where: { caseId: kase.id } });
    expect(materials.map((m) => [m.materialKey, m.uploadedBy])).toEqual([["operator_identity", clerk.id]]);

    const receipt = await IssuedDocument.findOne({ where: { caseId: kase.id, kind: "receipt" } });
    expect(receipt?.title).toBe("收件回执");
    expect(receipt?.number).toMatch(/收〔2026〕0001号$/);
    expect(receipt?.html).toContain(kase.trackingNumber);
    expect(receipt?.html).toContain("经营者身份证明");
    expect(receipt?.html).toContain("已收（扫描件 1 份）");
    expect(receipt?.html).toContain("经营场所使用证明");
    expect(receipt?.html).toMatch(/已收（纸质件/);
    expect(receipt?.html).toContain("陈丽");
    expect(receipt?.html).not.toContain("61092419900315123X");
  });

  it("files the case under the existing account found by ID card: the applicant sees it in 我的办件", async () => {
    const { case: kase } = await intake(intakeInput(zhangSan));
    expect(kase.applicantId).toBe(citizen.id);
    expect((await myCases(citizen)).map((c) => c.id)).toContain(kase.id);
    const detail = await applicantCaseDetail(citizen, kase.id);
    expect(detail.events.map((e) => e.actor)).toContain("陈丽");
  });

  it("files an enterprise's case under its account found by 统一社会信用代码", async () => {
    const enterprise = await userNamed("ziyang_tea");
    const applicant: WalkInApplicant = { kind: "legal", idNumber: "91610924MA70A1B2C0", name: "紫阳县富硒茶业有限公司", mobile: "13700001111" };
    const { case: kase } = await intake(intakeInput(applicant));
    expect(kase.applicantId).toBe(enterprise.id);
    expect((await myCases(enterprise)).map((c) => c.id)).toContain(kase.id);
  });

  it("opens an unclaimed account for a new applicant; tracking works anonymously and the applicant can claim the account", async () => {
    const applicant = normalizeWalkIn({ kind: "person", idNumber: idCard("61092419750812402").toLowerCase(), name: " 王 秀兰 ", mobile: "13598765401" });
    expect(applicant).toMatchObject({ name: "王秀兰", idNumber: idCard("61092419750812402") });
    const before = await User.count();
    const { case: kase } = await intake(intakeInput(applicant));
    expect(await User.count()).toBe(before + 1);
    const account = (await User.findByPk(kase.applicantId))!;
    expect(account).toMatchObject({ role: "citizen", name: "王秀兰", idCard: applicant.idNumber, mobile: "13598765401", passwordHash: UNCLAIMED_PASSWORD });
    // No password opens it.
    expect(await authenticate(applicant.idNumber, "")).toBeNull();
    expect(await authenticate("13598765401", UNCLAIMED_PASSWORD)).toBeNull();

    const tracked = await trackCase({ tracking: shortTrackingNumber(kase.trackingNumber), mobile: "13598765401", client: "window-test" }, NOW);
    expect(tracked.error).toBeNull();
    expect(tracked.result?.itemName).toBe(ITEM);

    // A second visit finds the same (still unclaimed) account.
    const again = await intake(intakeInput(applicant));
    expect(again.case.applicantId).toBe(account.id);

    // Claiming needs the mobile given at the window.
    const wrong = await registerCitizen({ name: "王秀兰", mobile: "13598765499", idCard: applicant.idNumber, password: "Xiulan2026" });
    expect("errors" in wrong && wrong.errors[0].path).toBe("mobile");
    const claimed = await registerCitizen({ name: "王秀兰", mobile: "13598765401", idCard: applicant.idNumber, password: "Xiulan2026" });
    expect("user" in claimed && claimed.user.id).toBe(account.id);
    const login = await authenticate("13598765401", "Xiulan2026");
    expect(login?.id).toBe(account.id);
    const cases = await myCases(await toCurrentUser(login!));
    expect(cases.map((c) => c.id).sort()).toEqual([kase.id, again.case.id].sort());
    // Claimed once: registering again is an ordinary duplicate.
    const twice = await registerCitizen({ name: "王秀兰", mobile: "13598765401", idCard: applicant.idNumber, password: "Other2026x" });
    expect("errors" in twice && twice.errors[0].message).toMatch(/已注册/);
  });

  it("keeps a mobile another account uses off the new account, but on the case", async () => {
    const applicant: WalkInApplicant = { kind: "person", idNumber: idCard("61092420010203101"), name: "张小明", mobile: "13912345678" };
    const { case: kase } = await intake(intakeInput(applicant));
    const account = (await User.findByPk(kase.applicantId))!;
    expect(account.id).not.toBe(citizen.id);
    expect(account.mobile).toBeNull();
    expect(kase.applicantMobile).toBe("13912345678");
    // The father's account does not see the son's case.
    expect((await myCases(citizen)).map((c) => c.id)).not.toContain(kase.id);
  });

  it("refuses bad identity input in Chinese and stores nothing", async () => {
    const before = await counts();
    const cases: Array<[WalkInApplicant, string, RegExp]> = [
      [{ ...zhangSan, idNumber: "610924199003151230" }, "applicant.idNumber", /校验位/],
      [{ ...zhangSan, mobile: "1391234" }, "applicant.mobile", /手机号码/],
      [{ ...zhangSan, name: "Zhang" }, "applicant.name", /姓名/],
      [{ ...zhangSan, name: "张四" }, "applicant.name", /不一致/],
      [{ kind: "legal", idNumber: "91610924MA70A1B2C1", name: "某公司", mobile: "13700001111" }, "applicant.idNumber", /统一社会信用代码/],
    ];
    for (const [applicant, path, message] of cases) {
      const result = await submitApplication(intakeInput(applicant));
      expect("errors" in result, JSON.stringify(applicant)).toBe(true);
      const error = "errors" in result ? result.errors.find((e) => e.path === path) : undefined;
      expect(error?.message, path).toMatch(message);
    }
    // A required material neither scanned nor received on paper.
    const missing = await submitApplication(intakeInput(zhangSan, { intake: { channel: "window", applicant: zhangSan, paper: ["operator_identity"] } }));
    expect("errors" in missing && missing.errors).toEqual([{ path: "materials.premises_proof", message: "经营场所使用证明：请扫描上传，或收取纸质件后勾选“已收纸质件”" }]);
    // A new applicant whose form is invalid gets no account either.
    const invalid = await submitApplication(intakeInput({ kind: "person", idNumber: idCard("61092419660101555"), name: "赵大", mobile: "13511112222" }, { formData: {} }));
    expect("errors" in invalid).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it("lets only window clerks take cases in, and window clerks only do that", async () => {
    for (const user of [citizen, reviewer]) {
      const error = await thrown(submitApplication(intakeInput(zhangSan, { user })));
      expect(error).toBeInstanceOf(CaseActionError);
      expect((error as CaseActionError).status).toBe(403);
    }
    const own = await thrown(submitApplication({ ...intakeInput(zhangSan), intake: undefined }));
    expect((own as CaseActionError).status).toBe(403);

    for (const user of [citizen, reviewer]) {
      const response = (await thrown(windowHomeLoader({ request: await as(user, "http://hall.test/window"), params: {}, context: {} }))) as Response;
      expect(response.status).toBe(403);
    }
    const workbench = (await thrown(workbenchLoader({ request: await as(clerk, "http://hall.test/workbench"), params: {}, context: {} }))) as Response;
    expect(workbench.status).toBe(403);
  });

  it("makes one case and one account of a retried or double-clicked 确认收件", async () => {
    const applicant: WalkInApplicant = { kind: "person", idNumber: idCard("61092419921130664"), name: "刘芳", mobile: "13622223333" };
    const input = intakeInput(applicant);
    const before = await counts();
    const [a, b] = await Promise.all([submitApplication(input), submitApplication(input)]);
    const c = await submitApplication(input);
    const results = [a, b, c].map((r) => {
      if ("errors" in r) throw new Error(JSON.stringify(r.errors));
      return r;
    });
    expect(new Set(results.map((r) => r.case.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await counts()).toEqual({ cases: before.cases + 1, users: before.users + 1, outbox: before.outbox + 1, documents: before.documents + 1 });
  });

  it("works through the pages: identify, submit with paper materials, list today's intakes and print the receipt", async () => {
    const params = { itemId: String(itemId) };
    const page = await intakeLoader({ request: await as(clerk, `http://hall.test/window/items/${itemId}`), params, context: {} });
    expect(page.materials.map((m) => m.key)).toEqual(["operator_identity", "premises_proof", "family_relation_proof", "agent_authorization"]);

    const identify = new URLSearchParams({ "applicant.kind": "person", "applicant.idNumber": "61092419900315123x", "applicant.name": "张三", "applicant.mobile": "13912345678" });
    const identified = (await intakeAction({ request: await as(clerk, `http://hall.test/window/items/${itemId}`, { method: "POST", body: identify }), params, context: {} })) as { stage: string; hasAccount: boolean; initialData: Record<string, unknown> };
    expect(identified).toMatchObject({ stage: "identified", hasAccount: true, initialData: { applicantName: "张三", mobile: "13912345678", idCard: "61092419900315123X" } });

    const body = new FormData();
    body.set("payload", JSON.stringify(formData));
    body.set("submissionKey", page.submissionKey);
    body.set("versionId", String(page.versionId));
    for (const [k, v] of Object.entries({ kind: "person", idNumber: "61092419900315123X", name: "张三", mobile: "13912345678" })) body.set(`applicant.${k}`, v);
    body.set("paper:operator_identity", "1");
    body.set("paper:premises_proof", "1");
    body.set("delivery.method", "window");
    const response = (await intakeAction({ request: await as(clerk, `http://hall.test/window/items/${itemId}`, { method: "POST", body }), params, context: {} })) as Response;
    expect(response.status).toBe(302);
    const caseId = Number(new URL(response.headers.get("Location")!, "http://hall.test").searchParams.get("received"));
    const kase = (await Case.findByPk(caseId))!;
    expect(kase.channel).toBe("window");

    const home = await windowHomeLoader({ request: await as(clerk, `http://hall.test/window?received=${caseId}&q=gtgsh`), params: {}, context: {} });
    expect(home.received?.trackingNumber).toBe(kase.trackingNumber);
    expect(home.today.map((c) => c.id)).toContain(caseId);
    expect(home.items.map((i) => i.name)).toContain(ITEM);

    const receipt = await receiptLoader({ request: await as(clerk, `http://hall.test/window/receipts/${caseId}`), params: { caseId: String(caseId) }, context: {} });
    expect(await receipt.text()).toContain(kase.trackingNumber);

    // Another clerk cannot print it, nor anyone's online case.
    const other = await User.create({ username: "window02", name: "周敏", role: "window_clerk", departmentId: clerk.departmentId, mobile: null, idCard: null, creditCode: null, passwordHash: "x" });
    const denied = (await thrown(receiptLoader({ request: await as(await toCurrentUser(other), `http://hall.test/window/receipts/${caseId}`), params: { caseId: String(caseId) }, context: {} }))) as Response;
    expect(denied.status).toBe(404);
    expect((await windowHomeLoader({ request: await as(await toCurrentUser(other), "http://hall.test/window"), params: {}, context: {} })).today).toEqual([]);
  });
});
