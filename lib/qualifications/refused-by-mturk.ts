import "server-only";
import { HttpError } from "@/lib/http-error";
import { MturkError } from "@/lib/mturk/errors";

/**
 * Runs an MTurk call whose refusal the person should read: a refused request becomes a 409
 * with the marketplace's reason after `what`; other failures (network, throttling) stay errors.
 */
export async function refusedByMturk<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof MturkError && e.kind === "request") throw new HttpError(409, `${what}: ${e.message}`, { turkErrorCode: e.turkErrorCode });
    if (e instanceof MturkError) throw new HttpError(502, `${what}: ${e.message}`);
    throw e;
  }
}
