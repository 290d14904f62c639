import type { FieldError } from "~/schemas/field-errors";

/**
 * What a user did that the hall refuses, with the HTTP status to answer and a Chinese message (and, for a
 * form, the field errors to show beside the fields). Services throw it; routes turn it into a response with
 * `userErrorResponse`. Used by the center administration first; the other modules' error classes are to
 * converge on it (issue #20).
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** Field errors → a UserError whose message lists them (for callers that show only the message). */
export function invalidInput(fieldErrors: FieldError[]): UserError {
  return new UserError(fieldErrors.map((e) => e.message).join("；"), 400, fieldErrors);
}
