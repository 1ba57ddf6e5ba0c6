/**
 * What lib code throws when a request cannot be done, with a message meant for the user. lib
 * does not know about HTTP: the route guard (`withTeam`) and the server actions turn these into
 * statuses or form errors (lib/http/domain-error-status.ts holds the one mapping).
 */
export abstract class DomainError extends Error {
  constructor(
    message: string,
    /** Structured detail for API clients, e.g. the problems found in an uploaded file. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The input is malformed or breaks a rule the caller can fix. */
export class Invalid extends DomainError {}

/** Well-formed input whose content cannot be used as it is (a file with problems, a HIT that is no valid design). */
export class Unprocessable extends DomainError {}

/** The caller may not do this (role, environment or ownership). */
export class Forbidden extends DomainError {}

/** Nothing by that id in the caller's team and environment. */
export class NotFound extends DomainError {}

/** The thing is in a state that does not allow this (already decided, still running, taken). */
export class Conflict extends DomainError {}

/** A link or token that existed but was used or has expired. */
export class Gone extends DomainError {}

/** The balance does not cover what this would cost. */
export class InsufficientFunds extends DomainError {}

/** The marketplace refused or failed the call this needed. */
export class UpstreamFailed extends DomainError {}
