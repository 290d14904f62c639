import http from "node:http";
import net from "node:net";
import { UniqueConstraintError } from "sequelize";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPublishedItem } from "~/catalog/service.server";
import { CaseActionError } from "~/cases/case-transaction.server";
import { CaseEvent } from "~/cases/models.server";
import { submitApplication } from "~/cases/submit.server";
import { startSession, type CurrentUser } from "~/identity/session.server";
import { billFor } from "~/payments/fees";
import { mockNotice } from "~/payments/mock-cashier.server";
import { Payment } from "~/payments/models.server";
import { applicantPaymentSummary, paymentPage, staffPaymentLabel, startPayment } from "~/payments/service.server";
import { action as callbackAction } from "~/routes/payments/callback";
import { action as cashierAction, loader as cashierLoader } from "~/routes/payments/mock-cashier";
import { action as payAction, loader as payLoader } from "~/routes/portal/pay";
import { freshDatabase, itemByName, userNamed } from "../support/db";
import { enterpriseOpeningData, ENTERPRISE_OPENING, newKey, sampleFor, type JsonNode } from "../support/fixtures";

const REAL_ESTATE = "国有建设用地使用权及房屋所有权转移登记";
// Thursday 2026-11-26, 10:00 China time: the filing date; payments run on the real clock like the routes do.
const FILED = new Date("2026-11-26T02:00:00Z");
const MINUTE = 60_000;

let citizen: CurrentUser;
let other: CurrentUser;
let reviewer: CurrentUser;
let itemId: number;
let versionId: number;
let schema: JsonNode;
let citizenCookie: string;
let otherCookie: string;

/**
 * The app's callback endpoint over real HTTP: a local server hands each request to the route's action, as
 * remix-serve would. The mock cashier posts its signed notices here.
 */
let hall: http.Server;
let origin: string;
let deliveries = 0;

beforeAll(async () => {
  await freshDatabase();
  [citizen, other, reviewer] = await Promise.all(["13912345678", "ziyang_tea", "reviewer_zrzy"].map(userNamed));
  const item = await itemByName(REAL_ESTATE);
  itemId = item.id;
  versionId = item.publishedVersionId!;
  schema = (await loadPublishedItem(itemId))!.form.jsonSchema as unknown as JsonNode;
  citizenCookie = (await startSession(citizen.id, null)).split(";")[0];
  otherCookie = (await startSession(other.id, null)).split(";")[0];
  hall = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const match = /^\/payments\/callback\/(\w+)$/.exec(req.url ?? "");
    if (!match || req.method !== "POST") return void res.writeHead(404).end();
    deliveries++;
    const request = new Request(`${origin}${req.url}`, { method: "POST", headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
    const response = await callbackAction({ request, params: { provider: match[1] }, context: {} });
    res.writeHead(response.status).end(await response.text());
  });
  await new Promise<void>((resolve) => hall.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(hall.address() as net.AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => hall.close(() => resolve())));

async function fileCase(overrides: Record<string, unknown> = {}, user = citizen) {
  const formData = { ...(sampleFor(schema) as Record<string, unknown>), ...overrides };
  const result = await submitApplication({ user, itemId, versionId, formData, submissionKey: newKey(), now: FILED });
  if ("errors" in result) throw new Error(JSON.stringify(result.errors));
  return result.case;
}

const orderIdOf = (redirectUrl: string) => decodeURIComponent(redirectUrl.replace(/^\/pay\/mock\//, ""));

/** The payer's choice on the mock cashier page, through its route action (which calls back over HTTP). */
async function choose(orderId: string, choice: "paid" | "failed" | "timeout", cookie = citizenCookie) {
  const body = new URLSearchParams({ choice });
  const request = new Request(`${origin}/pay/mock/${orderId}`, { method: "POST", body, headers: { Cookie: cookie } });
  return (await cashierAction({ request, params: { orderId }, context: {} })) as Response;
}

async function post(notice: { body: string; headers: Record<string, string> }) {
  return fetch(`${origin}/payments/callback/mock`, { method: "POST", body: notice.body, headers: notice.headers });
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => null, (e: unknown) => e);
}

const paymentEvents = (caseId: number) => CaseEvent.count({ where: { caseId, type: "payment" } });

describe("what a case owes", () => {
  it("takes the amount from the pinned version's fee items, chosen by the application (住宅 80 元, 商业 550 元)", async () => {
    const home = await fileCase({ propertyUse: "住宅" });
    const shop = await fileCase({ propertyUse: "商业" });
    const homePage = await paymentPage(citizen, home.id, new Date());
    expect(homePage.lines.map((l) => [l.name, l.amountFen])).toEqual([["住宅类不动产登记费", 8000]]);
    expect(homePage.totalText).toBe("80.00 元");
    expect((await paymentPage(citizen, shop.id, new Date())).lines.map((l) => [l.name, l.amountFen])).toEqual([["非住宅类不动产登记费", 55000]]);

    const { redirectUrl } = await startPayment(citizen, home.id, new Date());
    const row = await Payment.findOne({ where: { providerOrderId: orderIdOf(redirectUrl) } });
    expect(row).toMatchObject({ amountFen: 8000, status: "pending", provider: "mock", caseId: home.id });
    expect(row!.feeItems.map((f) => f.name)).toEqual(["住宅类不动产登记费"]);
    // The guide itself: a fee without a condition is charged to every case, yuan become whole fen.
    expect(billFor({ charged: true, fees: [{ name: "工本费", standard: "每本10.5元", amount: 10.5, basis: "x", waivable: false }] }, {}).totalFen).toBe(1050);
    expect(billFor({ charged: false, fees: [] }, {}).totalFen).toBe(0);
  });

  it("asks nothing of a free item's case", async () => {
    const free = await itemByName(ENTERPRISE_OPENING);
    const result = await submitApplication({ user: citizen, itemId: free.id, versionId: free.publishedVersionId!, formData: enterpriseOpeningData(), submissionKey: newKey(), now: FILED });
    if ("errors" in result) throw new Error(JSON.stringify(result.errors));
    expect(await applicantPaymentSummary(citizen, result.case.id, new Date())).toBeNull();
    expect(await staffPaymentLabel(result.case.id)).toBeNull();
    const error = await thrown(startPayment(citizen, result.case.id, new Date()));
    expect(error).toBeInstanceOf(CaseActionError);
    expect((error as CaseActionError).message).toBe("本办件无需缴费");
  });
});

describe("paying through the mock provider", () => {
  it("succeeds: the pay page sends the payer to the cashier, the callback marks it paid, and everyone sees it", async () => {
    const kase = await fileCase();
    expect(await applicantPaymentSummary(citizen, kase.id, new Date())).toMatchObject({ stage: "none", due: true, amountText: "80.00 元" });
    expect(await staffPaymentLabel(kase.id)).toBe("未缴费（应缴 80.00 元）");

    const started = (await payAction({
      request: new Request(`${origin}/my/cases/${kase.id}/pay`, { method: "POST", body: new URLSearchParams({ intent: "pay" }), headers: { Cookie: citizenCookie } }),
      params: { caseId: String(kase.id) },
      context: {},
    })) as Response;
    expect(started.status).toBe(302);
    const cashierUrl = started.headers.get("Location")!;
    expect(cashierUrl).toMatch(/^\/pay\/mock\/ZYP[0-9A-F]{24}$/);
    const orderId = orderIdOf(cashierUrl);
    const cashier = await cashierLoader({ request: new Request(`${origin}${cashierUrl}`, { headers: { Cookie: citizenCookie } }), params: { orderId }, context: {} });
    expect(cashier).toMatchObject({ open: true, amountText: "80.00 元", caseId: kase.id });

    const before = deliveries;
    const back = await choose(orderId, "paid");
    expect(back.headers.get("Location")).toBe(`/my/cases/${kase.id}/pay`);
    expect(deliveries).toBe(before + 1);

    const page = await paymentPage(citizen, kase.id, new Date());
    expect(page.summary).toMatchObject({ stage: "paid", label: "缴费成功", due: false });
    expect(page.closedReason).toBe("本办件已缴费");
    expect(await staffPaymentLabel(kase.id)).toMatch(/^已缴费 80\.00 元（/);
    expect(await paymentEvents(kase.id)).toBe(1);
    // Paying again is refused: at most one paid attempt per case.
    expect(((await thrown(startPayment(citizen, kase.id, new Date()))) as CaseActionError).status).toBe(409);
  });

  it("fails, offers a new attempt, and the retry succeeds with a new order", async () => {
    const kase = await fileCase();
    const first = orderIdOf((await startPayment(citizen, kase.id, new Date())).redirectUrl);
    await choose(first, "failed");
    const failed = await paymentPage(citizen, kase.id, new Date());
    expect(failed.summary).toMatchObject({ stage: "failed", label: "缴费失败（可重新缴费）", due: true });
    expect(failed.closedReason).toBeNull();
    // The cashier of a failed order is closed.
    const closed = await cashierLoader({ request: new Request(`${origin}/pay/mock/${first}`, { headers: { Cookie: citizenCookie } }), params: { orderId: first }, context: {} });
    expect(closed).toMatchObject({ open: false });

    const second = orderIdOf((await startPayment(citizen, kase.id, new Date())).redirectUrl);
    expect(second).not.toBe(first);
    await choose(second, "paid");
    const rows = await Payment.findAll({ where: { caseId: kase.id }, order: [["id", "ASC"]] });
    expect(rows.map((r) => [r.providerOrderId, r.status])).toEqual([[first, "failed"], [second, "paid"]]);
    expect((await paymentPage(citizen, kase.id, new Date())).summary.stage).toBe("paid");
  });

  it("resumes a pending attempt instead of opening a second order", async () => {
    const kase = await fileCase();
    const urls = await Promise.all([1, 2, 3, 4].map(() => startPayment(citizen, kase.id, new Date())));
    expect(new Set(urls.map((u) => u.redirectUrl)).size).toBe(1);
    expect(await Payment.count({ where: { caseId: kase.id } })).toBe(1);
  });

  it("times out: no callback after 超时未支付, the attempt closes once past the limit, and a new one can start", async () => {
    const kase = await fileCase();
    const started = new Date();
    const orderId = orderIdOf((await startPayment(citizen, kase.id, started)).redirectUrl);
    const before = deliveries;
    await choose(orderId, "timeout");
    expect(deliveries).toBe(before);
    const waiting = await paymentPage(citizen, kase.id, new Date(started.getTime() + 14 * MINUTE));
    expect(waiting.summary.stage).toBe("pending");
    expect(waiting.resumeUrl).toBe(`/pay/mock/${orderId}`);

    const late = await paymentPage(citizen, kase.id, new Date(started.getTime() + 15 * MINUTE));
    expect(late.summary).toMatchObject({ stage: "timed_out", label: "支付超时（可重新缴费）", due: true });
    expect((await Payment.findOne({ where: { providerOrderId: orderId } }))!.status).toBe("timed_out");
    // A paid notice for the closed order changes nothing (it would be refunded by hand).
    expect((await post(mockNotice(orderId, "paid", 8000, new Date()))).status).toBe(200);
    expect((await Payment.findOne({ where: { providerOrderId: orderId } }))!.status).toBe("timed_out");

    const retry = orderIdOf((await startPayment(citizen, kase.id, new Date(started.getTime() + 16 * MINUTE))).redirectUrl);
    expect(retry).not.toBe(orderId);
  });

  it("refuses payment at the cashier once the order is past its time limit", async () => {
    const kase = await fileCase();
    const orderId = orderIdOf((await startPayment(citizen, kase.id, new Date(Date.now() - 20 * MINUTE))).redirectUrl);
    const before = deliveries;
    await choose(orderId, "paid");
    expect(deliveries).toBe(before);
    expect((await paymentPage(citizen, kase.id, new Date())).summary.stage).toBe("timed_out");
  });
});

describe("callbacks", () => {
  it("are idempotent: a redelivered paid notice and a late failed one answer 200 and change nothing", async () => {
    const kase = await fileCase();
    const orderId = orderIdOf((await startPayment(citizen, kase.id, new Date())).redirectUrl);
    const notice = mockNotice(orderId, "paid", 8000, new Date("2026-11-27T01:00:00Z"));
    expect((await post(notice)).status).toBe(200);
    const paid = (await Payment.findOne({ where: { providerOrderId: orderId } }))!;
    expect(paid.status).toBe("paid");
    expect(paid.paidAt!.toISOString()).toBe("2026-11-27T01:00:00.000Z");

    expect((await post(notice)).status).toBe(200);
    expect((await post(mockNotice(orderId, "failed", 8000, new Date()))).status).toBe(200);
    const after = (await Payment.findOne({ where: { providerOrderId: orderId } }))!;
    expect([after.status, after.paidAt!.toISOString(), after.activeCaseId]).toEqual(["paid", "2026-11-27T01:00:00.000Z", kase.id]);
    expect(await paymentEvents(kase.id)).toBe(1);
  });

  it("with a bad signature are refused with 400 and change nothing", async () => {
    const kase = await fileCase();
    const orderId = orderIdOf((await startPayment(citizen, kase.id, new Date())).redirectUrl);
    const genuine = mockNotice(orderId, "paid", 8000, new Date());
    const forged = mockNotice(orderId, "paid", 8000, new Date(), "not-the-secret");
    const tampered = { body: genuine.body.replace('"amountFen":8000', '"amountFen":1'), headers: genuine.headers };
    const unsigned = { body: genuine.body, headers: { "Content-Type": "application/json" } };
    for (const notice of [forged, tampered, unsigned]) {
      const response = await post(notice);
      expect(response.status).toBe(400);
    }
    // Genuinely signed but for another amount: refused too.
    expect((await post(mockNotice(orderId, "paid", 1, new Date()))).status).toBe(400);
    expect((await post(mockNotice("ZYPNOSUCHORDER", "paid", 8000, new Date()))).status).toBe(404);
    expect((await Payment.findOne({ where: { providerOrderId: orderId } }))!.status).toBe("pending");
    expect(await paymentEvents(kase.id)).toBe(0);
  });

  it("delivered concurrently leave exactly one paid row and one timeline entry", async () => {
    const kase = await fileCase();
    const orderId = orderIdOf((await startPayment(citizen, kase.id, new Date())).redirectUrl);
    const notice = mockNotice(orderId, "paid", 8000, new Date());
    const failed = mockNotice(orderId, "failed", 8000, new Date());
    const answers = await Promise.all([notice, notice, failed, notice, notice, failed, notice].map(post));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);
    const rows = await Payment.findAll({ where: { caseId: kase.id } });
    expect(rows).toHaveLength(1);
    expect(["paid", "failed"]).toContain(rows[0].status);
    expect(await paymentEvents(kase.id)).toBe(rows[0].status === "paid" ? 1 : 0);
    expect(await Payment.count({ where: { caseId: kase.id, status: "paid" } })).toBeLessThanOrEqual(1);

    // Only paid notices, all at once: exactly one wins.
    const second = await fileCase();
    const order2 = orderIdOf((await startPayment(citizen, second.id, new Date())).redirectUrl);
    const paid2 = mockNotice(order2, "paid", 8000, new Date());
    await Promise.all(Array.from({ length: 8 }, () => post(paid2)));
    expect(await Payment.count({ where: { caseId: second.id, status: "paid" } })).toBe(1);
    expect(await paymentEvents(second.id)).toBe(1);
  });

  it("cannot leave two paid rows for a case even past the service: the table refuses a second open-or-paid attempt", async () => {
    const kase = await fileCase();
    const orderId = orderIdOf((await startPayment(citizen, kase.id, new Date())).redirectUrl);
    await post(mockNotice(orderId, "paid", 8000, new Date()));
    const sneaked = Payment.create({
      caseId: kase.id, activeCaseId: kase.id, amountFen: 8000, feeItems: [], provider: "mock",
      providerOrderId: "ZYPSNEAKED", payUrl: null, status: "paid", paidAt: new Date(),
    });
    expect((await thrown(sneaked)) as Error).toBeInstanceOf(UniqueConstraintError);
    expect(await Payment.count({ where: { caseId: kase.id, status: "paid" } })).toBe(1);
  });
});

describe("who may pay", () => {
  it("hides the pay page, the payment and the cashier from everyone but the applicant (404)", async () => {
    const kase = await fileCase();
    const orderId = orderIdOf((await startPayment(citizen, kase.id, new Date())).redirectUrl);
    for (const user of [other, reviewer]) {
      expect(((await thrown(paymentPage(user, kase.id, new Date()))) as CaseActionError).status).toBe(404);
      expect(((await thrown(startPayment(user, kase.id, new Date()))) as CaseActionError).status).toBe(404);
      expect(((await thrown(applicantPaymentSummary(user, kase.id, new Date()))) as CaseActionError).status).toBe(404);
    }
    const asOther = { headers: { Cookie: otherCookie } };
    const page = await thrown(payLoader({ request: new Request(`${origin}/my/cases/${kase.id}/pay`, asOther), params: { caseId: String(kase.id) }, context: {} }));
    expect((page as Response).status).toBe(404);
    const pay = await thrown(
      payAction({
        request: new Request(`${origin}/my/cases/${kase.id}/pay`, { method: "POST", body: new URLSearchParams({ intent: "pay" }), ...asOther }),
        params: { caseId: String(kase.id) },
        context: {},
      }),
    );
    expect((pay as Response).status).toBe(404);
    const cashier = await thrown(cashierLoader({ request: new Request(`${origin}/pay/mock/${orderId}`, asOther), params: { orderId }, context: {} }));
    expect((cashier as Response).status).toBe(404);
    expect(((await thrown(choose(orderId, "paid", otherCookie))) as Response).status).toBe(404);
    expect((await Payment.findOne({ where: { providerOrderId: orderId } }))!.status).toBe("pending");
    // Without a session: to the login page.
    const anonymous = await thrown(payLoader({ request: new Request(`${origin}/my/cases/${kase.id}/pay`), params: { caseId: String(kase.id) }, context: {} }));
    expect((anonymous as Response).status).toBe(302);
  });

  it("closes payment for a withdrawn case", async () => {
    const kase = await fileCase();
    const { actOnCase } = await import("~/cases/desk.server");
    await actOnCase(citizen, kase.id, { type: "withdraw" });
    const page = await paymentPage(citizen, kase.id, new Date());
    expect(page.closedReason).toBe("办件已撤回或不予受理，无需缴费");
    expect(page.summary.due).toBe(false);
  });
});
