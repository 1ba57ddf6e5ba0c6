/** MTurk failures as HITdesk sees them, whatever marketplace answered. */
export type MturkErrorKind = "request" | "service" | "throttled" | "auth" | "network";

export class MturkError extends Error {
  constructor(
    readonly kind: MturkErrorKind,
    message: string,
    readonly turkErrorCode?: string,
    readonly retryable = kind !== "request" && kind !== "auth",
  ) {
    super(message);
  }
}

const AUTH_CODES = new Set(["UnrecognizedClientException", "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignatureException", "InvalidClientTokenId", "AccessDeniedException"]);

/** Maps an SDK or network error to a typed MturkError with a message a requester can act on. */
export function toMturkError(e: unknown): MturkError {
  if (e instanceof MturkError) return e;
  const err = e as { name?: string; message?: string; TurkErrorCode?: string; $fault?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const name = err.name ?? "";
  const message = (err.message ?? String(e)).replace(/\s*\(\d{13}\)$/, "");
  if (name === "RequestError") return new MturkError("request", message, err.TurkErrorCode);
  if (name === "ServiceFault") return new MturkError("service", `The marketplace had a temporary problem: ${message}`, err.TurkErrorCode);
  if (name === "ThrottlingException" || /rate exceeded/i.test(message)) return new MturkError("throttled", "The marketplace is limiting our request rate; retrying later helps");
  if (AUTH_CODES.has(name)) return new MturkError("auth", `The marketplace refused the credentials (${name}). Check the access key and secret in Settings.`);
  if (/Deserialization error|not valid JSON/i.test(message)) {
    const status = err.$metadata?.httpStatusCode;
    return new MturkError("network", `The endpoint did not answer like the MTurk API${status ? ` (HTTP ${status})` : ""}. Check the endpoint URL.`);
  }
  if (err.code === "ECONNREFUSED" || err.code === "ENOTFOUND" || name === "TimeoutError" || /fetch failed|ECONNREFUSED|ENOTFOUND|socket hang up/i.test(message)) {
    return new MturkError("network", `Cannot reach the marketplace: ${message}`);
  }
  return new MturkError(err.$fault === "client" ? "request" : "service", message || name);
}
