import { data } from "@remix-run/node";
import type { CurrentUser } from "~/identity/session.server";
import { InteractionError } from "./errors.server";
import { sendMessage } from "./messages.server";
import { askQuestion } from "./questions.server";

/** Form intents the pages of other capabilities hand over to 在线交流. */
export const MESSAGE_INTENT = "message";
export const ASK_INTENT = "ask";

/** Runs one service call for a form post: `{ error: null }` when done, the Chinese refusal with its status otherwise. */
export async function interactionResult(work: () => Promise<unknown>) {
  try {
    await work();
    return data({ error: null as string | null, done: true });
  } catch (error) {
    if (error instanceof InteractionError) return data({ error: error.message as string | null, done: false }, { status: error.status });
    throw error;
  }
}

export function messageAction(user: CurrentUser, caseId: number, form: FormData) {
  return interactionResult(() => sendMessage(user, caseId, form.get("body")));
}

export function askAction(user: CurrentUser, itemId: number, form: FormData) {
  return interactionResult(() => askQuestion(user, itemId, form.get("question")));
}
