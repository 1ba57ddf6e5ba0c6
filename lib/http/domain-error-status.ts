import { Conflict, Forbidden, Gone, InsufficientFunds, Invalid, NotFound, Unprocessable, UpstreamFailed, type DomainError } from "@/lib/errors";

/** The HTTP status a domain error answers with; the only place lib errors meet HTTP. */
export function domainErrorStatus(error: DomainError): number {
  if (error instanceof Invalid) return 400;
  if (error instanceof InsufficientFunds) return 402;
  if (error instanceof Forbidden) return 403;
  if (error instanceof NotFound) return 404;
  if (error instanceof Conflict) return 409;
  if (error instanceof Gone) return 410;
  if (error instanceof Unprocessable) return 422;
  if (error instanceof UpstreamFailed) return 502;
  return 500;
}
