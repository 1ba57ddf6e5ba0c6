/**
 * The marketplace's errors as MTurk sends them: `{"__type","Message","TurkErrorCode"}`.
 * MTurk ends messages with the time in epoch milliseconds: "... (1624047673908)".
 */
export abstract class MarketplaceError extends Error {
  abstract readonly type: string;
  abstract readonly status: number;
  readonly turkErrorCode?: string;

  body(now = Date.now()): Record<string, string> {
    const message = `${this.message} (${now})`;
    return this.turkErrorCode ? { __type: this.type, Message: message, TurkErrorCode: this.turkErrorCode } : { __type: this.type, Message: message };
  }
}

/** The caller's fault (HTTP 400); never retried by the SDKs. */
export class MturkRequestError extends MarketplaceError {
  readonly type = "RequestError";
  readonly status = 400;
  constructor(
    override readonly turkErrorCode: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Input that breaks the service model's constraints (required, type, length, range, pattern,
 * enum), refused before the operation runs, as AWS's front end does for JSON services:
 * `com.amazon.coral.validate#ValidationException`, HTTP 400, lower-case `message`, no
 * TurkErrorCode. The SDKs read the code after '#'; neither retries it.
 */
export class MturkValidationError extends MarketplaceError {
  readonly type = "ValidationException";
  readonly status = 400;

  override body(): Record<string, string> {
    return { __type: `com.amazon.coral.validate#${this.type}`, message: this.message };
  }
}

/** A temporary failure (HTTP 500); the SDKs retry it. */
export class MturkServiceFault extends MarketplaceError {
  readonly type = "ServiceFault";
  readonly status = 500;
  override readonly turkErrorCode = "AWS.MechanicalTurk.ServiceFault";
  constructor(message = "We are temporarily unable to process your request. Try your call again.") {
    super(message);
  }
}

/** Over the requester's rate limit; AWS JSON services answer 400 ThrottlingException, which the SDKs retry. */
export class MturkThrottlingError extends MarketplaceError {
  readonly type = "ThrottlingException";
  readonly status = 400;
  constructor() {
    super("Rate exceeded");
  }
}

/** Protocol-level errors of AWS's front end (signatures, unknown operations). No TurkErrorCode. */
export class AwsProtocolError extends MarketplaceError {
  constructor(
    readonly type: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }

  override body(): Record<string, string> {
    return { __type: this.type, Message: this.message };
  }
}
