/** A worker-side action the marketplace refuses; the message is meant for the worker. */
export class WorkRefused extends Error {
  constructor(
    readonly code: "not-available" | "not-qualified" | "blocked" | "already-accepted" | "not-yours" | "not-in-progress" | "past-deadline" | "bad-answer",
    message: string,
  ) {
    super(message);
  }
}
