import { data, type ActionFunctionArgs } from "@remix-run/node";
import { chinaDateTime } from "~/calendar/china-time";
import { saveDraft } from "~/forms/drafts.server";
import { APPLICANT_ROLES } from "~/identity/roles";
import { requireRole } from "~/identity/session.server";
import { idParam } from "~/routes/params";

/** POST /items/:itemId/draft — autosave of the application being filled in. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, APPLICANT_ROLES);
  const form = await request.formData();
  let draft: unknown = null;
  try {
    draft = JSON.parse(String(form.get("draft") ?? ""));
  } catch {
    // saveDraft reports it
  }
  const key = form.get("submissionKey");
  const saved = await saveDraft(user.id, idParam(params.itemId), Number(form.get("versionId")), draft, typeof key === "string" ? key : undefined);
  if ("error" in saved) return data({ draftError: saved.error }, { status: 400 });
  return { draftSavedAt: chinaDateTime(saved.savedAt) };
}
