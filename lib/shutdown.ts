import "server-only";

const controller = new AbortController();
let listening = false;

/**
 * Aborted when the server is asked to stop (SIGTERM, SIGINT). Background work stops starting
 * new things and hands back what it holds, so Next's graceful shutdown is not kept waiting by
 * requests this process keeps sending to its own built-in marketplace.
 */
export function shutdownSignal(): AbortSignal {
  if (!listening) {
    listening = true;
    const stop = () => controller.abort();
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  }
  return controller.signal;
}
