import { Op } from "sequelize";
import { chinaDate } from "~/calendar/china-time";
import { now as clockNow } from "~/clock.server";
import { catalogEntries } from "~/catalog/service.server";
import { searchCatalog } from "~/catalog/search.server";
import { summaries, type CaseSummary } from "~/cases/queries.server";
import { Case, CaseEvent } from "~/cases/models.server";
import { IssuedDocument } from "~/documents/models.server";
import { prefillFormData } from "~/forms/prefill";
import { prefillSources } from "~/forms/prefill.server";
import type { PrefillBinding } from "~/schemas/types.generated";
import { toCurrentUser, type CurrentUser } from "~/identity/session.server";
import { walkInErrors, type WalkInApplicant } from "~/identity/walk-in";
import { findWalkInAccount } from "~/identity/walk-in.server";

/** The catalog at the window: every published item (window intake does not depend on 是否网办), or a search. */
export async function windowCatalog(query: string): Promise<Array<{ id: number; name: string; department: string; online: boolean }>> {
  const entries = await catalogEntries();
  if (!query.trim()) return entries.map((e) => ({ id: e.id, name: e.name, department: e.departmentName, online: e.online }));
  const byId = new Map(entries.map((e) => [e.id, e]));
  return (await searchCatalog(query, 30))
    .map((hit) => byId.get(hit.id))
    .filter((e): e is NonNullable<typeof e> => Boolean(e))
    .map((e) => ({ id: e.id, name: e.name, department: e.departmentName, online: e.online }));
}

/** Start of the China calendar day of `now`. */
const chinaDayStart = (now: Date) => new Date(`${chinaDate(now)}T00:00:00+08:00`);

/** The cases this clerk took in today, newest first. */
export async function intakesToday(clerk: CurrentUser, now = clockNow()): Promise<CaseSummary[]> {
  const events = await CaseEvent.findAll({
    where: { actorId: clerk.id, type: "submit", createdAt: { [Op.gte]: chinaDayStart(now) } },
    attributes: ["caseId"],
    order: [["id", "DESC"]],
    limit: 200,
  });
  if (!events.length) return [];
  const cases = await Case.findAll({ where: { id: events.map((e) => e.caseId), channel: "window" }, order: [["id", "DESC"]] });
  return summaries(cases, now);
}

/**
 * Checks the applicant's identity before the form is shown, and prefills the form from their account (profile,
 * enterprise record, e-licences) when they have one, else from what the clerk typed. Stores nothing.
 */
export async function identifyWalkIn(applicant: WalkInApplicant, form: { prefill?: readonly PrefillBinding[] }) {
  const errors = walkInErrors(applicant);
  if (errors.length) return { errors };
  const lookup = await findWalkInAccount(applicant);
  if ("errors" in lookup) return { errors: lookup.errors };
  const sources = lookup.account
    ? await prefillSources(await toCurrentUser(lookup.account))
    : {
        applicant: { name: applicant.name, mobile: applicant.mobile, idCard: applicant.kind === "person" ? applicant.idNumber : null },
        enterprise: applicant.kind === "legal" ? { name: applicant.name, creditCode: applicant.idNumber, mobile: applicant.mobile } : null,
        licence: null,
      };
  // The mobile given at the window is where this case's messages go, whatever the account says.
  sources.applicant = { ...sources.applicant, name: applicant.kind === "person" ? applicant.name : sources.applicant.name, mobile: applicant.mobile };
  return { hasAccount: Boolean(lookup.account), initialData: prefillFormData(form.prefill ?? [], sources) };
}

/** The 收件回执 of a case this clerk took in; 404 for anything else (another clerk's or an online case). */
export async function receiptForClerk(clerk: CurrentUser, caseId: number): Promise<IssuedDocument> {
  const kase = await Case.findByPk(caseId, { attributes: ["id", "channel"] });
  const tookIn = kase?.channel === "window" && (await CaseEvent.count({ where: { caseId, type: "submit", actorId: clerk.id } })) > 0;
  const receipt = tookIn ? await IssuedDocument.findOne({ where: { caseId, kind: "receipt" } }) : null;
  if (!receipt) throw new Response("收件回执不存在", { status: 404 });
  return receipt;
}
