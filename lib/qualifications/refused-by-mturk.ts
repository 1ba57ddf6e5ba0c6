import "server-only";
import { Conflict, UpstreamFailed } from "@/lib/errors";
import { MturkError } from "@/lib/mturk/errors";

/**
 * Runs an MTurk call whose refusal the person should read: a refused request becomes a 409
 * with the marketplace's reason after `what`; other failures (network, throttling) stay errors.
 */
export async function refusedByMturk<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof MturkError && e.kind === "request") throw new Conflict(`${what}: ${e.message}`, { turkErrorCode: e.turkErrorCode });
    if (e instanceof MturkError) throw new UpstreamFailed(`${what}: ${e.message}`);
    throw e;
  }
}
