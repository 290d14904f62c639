import { APPLICANT_ROLES, hasRole } from "~/identity/roles";
import { getUser, requireRole, type CurrentUser } from "~/identity/session.server";
import { askAction, ASK_INTENT, interactionResult } from "./actions.server";
import { InteractionError } from "./errors.server";
import { canUseThread, openThread } from "./messages.server";
import { guideQuestions } from "./questions.server";

/** Loader data of the guide page's 在线咨询 section, for whoever is looking. */
export async function guideConsultation(request: Request, itemId: number) {
  const user = await getUser(request);
  const viewer: "anonymous" | "applicant" | "staff" = !user ? "anonymous" : hasRole(user, APPLICANT_ROLES) ? "applicant" : "staff";
  const { answered, mine } = await guideQuestions(itemId, user);
  const back = new URL(request.url).pathname;
  return { answered, mine, viewer, loginHref: `/login?redirectTo=${encodeURIComponent(back)}` };
}

/** The guide page's action: an applicant asks a question (anyone else is sent to log in, or refused). */
export async function guideAction(request: Request, itemId: number) {
  const user = await requireRole(request, APPLICANT_ROLES);
  const form = await request.formData();
  if (form.get("intent") !== ASK_INTENT) return interactionResult(() => Promise.reject(new InteractionError("不支持的操作")));
  return askAction(user, itemId, form);
}

/** The case page's thread, opened (and so marked read) by its applicant or lead-department reader; null for anyone else. */
export async function caseThread(user: CurrentUser, caseId: number) {
  if (!(await canUseThread(user, caseId))) return null;
  return openThread(user, caseId);
}
