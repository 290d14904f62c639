import { data } from "@remix-run/node";
import { UserError } from "~/user-error";
import type { RefusedResult } from "./refused";

/**
 * Runs a service call for an action: its result, or — when the service threw a UserError — the refusal as
 * data with its status, so the form shows the message beside the fields and keeps what the user typed.
 */
export async function runAction<T>(fn: () => Promise<T>) {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    if (error.status === 403 || error.status === 404) throw new Response(error.message, { status: error.status });
    return data<RefusedResult>({ error: error.message, errors: error.fieldErrors }, { status: error.status });
  }
}

