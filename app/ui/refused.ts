/** What an action returns when a service refused (runAction): the message and the field errors. */
export interface RefusedResult {
  error: string;
  errors: Array<{ path: string; message: string }>;
}

export const isRefused = (value: unknown): value is RefusedResult =>
  typeof value === "object" && value !== null && "error" in value && typeof (value as RefusedResult).error === "string";

/** The errors to list at the top of the form: the field errors, or the message alone. */
export const refusalErrors = (refused: RefusedResult | null) => (refused ? (refused.errors.length ? refused.errors : [{ path: "", message: refused.error }]) : undefined);
