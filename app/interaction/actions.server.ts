import { data } from "@remix-run/node";
import type { CurrentUser } from "~/identity/session.server";
import { InteractionError } from "./errors.server";
import { sendMessage } from "./messages.server";
import { askQuestion } from "./questions.server";

/** Form intents the pages of other capabilities hand over to 在线交流. */
export const MESSAGE_INTENT = "message";
export const ASK_INTENT = "ask";

/**
 * Runs one service call for a form post: `{ error: null }` when done, the Chinese refusal with its status
 * otherwise — with `question`, the refused text, so a page posted without JavaScript shows it again.
 */
export async function interactionResult(work: () => Promise<unknown>, question?: string) {
  try {
    await work();
    return data({ error: null as string | null, done: true, question: undefined as string | undefined });
  } catch (error) {
    if (error instanceof InteractionError) return data({ error: error.message as string | null, done: false, question }, { status: error.status });
    throw error;
  }
}

export function messageAction(user: CurrentUser, caseId: number, form: FormData) {
  return interactionResult(() => sendMessage(user, caseId, form.get("body")));
}

export function askAction(user: CurrentUser, itemId: number, form: FormData) {
  const question = form.get("question");
  return interactionResult(() => askQuestion(user, itemId, question), typeof question === "string" ? question.slice(0, 500) : undefined);
}
