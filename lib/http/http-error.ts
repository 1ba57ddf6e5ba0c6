/**
 * A refusal by the HTTP layer itself (a body that is not JSON or too large), before any domain
 * code runs. Domain code throws the errors of lib/errors.ts instead.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
