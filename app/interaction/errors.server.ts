/** A refusal the person can act on: the message is Chinese and shown as is; status is the HTTP status. */
export class InteractionError extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
  }
}
