import "server-only";
import { isPlainText } from "@/lib/http/control-characters";
import { requireWorker, type SignedInWorker } from "@/lib/marketplace/worker-site/session";

/**
 * The one gate for worker-site server actions, as `withTeam` is for dashboard routes: the
 * signed-in worker, else a redirect to sign in that comes back to `returnTo`. An action's
 * arguments come from anyone who can post to it: a text argument that is not plain text (a NUL
 * or another control character) gets `refused` before the session is even read.
 */
export function withWorker<A extends unknown[], R>(
  options: { returnTo: string | ((...args: A) => string); refused?: NoInfer<R> },
  action: (worker: SignedInWorker, ...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    if (args.some((a) => typeof a === "string" && !isPlainText(a))) {
      if (options.refused === undefined) throw new Error("This action takes no text arguments");
      return options.refused;
    }
    const worker = await requireWorker(typeof options.returnTo === "string" ? options.returnTo : options.returnTo(...args));
    return action(worker, ...args);
  };
}
