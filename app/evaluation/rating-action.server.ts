import { data, redirect } from "@remix-run/node";
import { CaseActionError } from "~/cases/case-transaction.server";
import type { CurrentUser } from "~/identity/session.server";
import { SUB_RATINGS } from "./labels";
import { rateCase } from "./ratings.server";

/** The form intent the applicant's case page hands over to 好差评. */
export const RATING_INTENT = "rate";

const FIELDS = ["level", ...SUB_RATINGS.map((s) => s.key), "comment", "reasonCategory", "reason"];

/**
 * The applicant's rating form post: back to the case page when stored; otherwise the Chinese refusal, with
 * per-field errors and the values typed so nothing is lost.
 */
export async function ratingAction(user: CurrentUser, caseId: number, form: FormData) {
  const values: Record<string, string> = Object.fromEntries(FIELDS.map((k) => [k, String(form.get(k) ?? "").slice(0, 2000)]));
  try {
    await rateCase(user, caseId, values);
    return redirect(`/my/cases/${caseId}?rated=1`);
  } catch (error) {
    if (!(error instanceof CaseActionError)) throw error;
    const rating = error.fields.length ? { errors: error.fields, values } : null;
    return data({ error: rating ? null : error.message, rating }, { status: error.status });
  }
}
