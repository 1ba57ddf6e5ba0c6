import "server-only";
import { shutdownSignal } from "@/lib/shutdown";

const started = new Set<string>();

/**
 * Runs `tick` every `everyMs` in this server process, never two rounds at once (a slow round
 * skips the ticks that fall within it), and none once the server is shutting down. A failed
 * round is logged and the next tick tries again (the database may be briefly unreachable).
 * Started once per name however often it is called.
 */
export function startBackgroundLoop(name: string, everyMs: number, tick: (signal: AbortSignal) => Promise<void>): void {
  if (started.has(name)) return;
  started.add(name);
  const signal = shutdownSignal();
  let running = false;
  setInterval(() => {
    if (running || signal.aborted) return;
    running = true;
    tick(signal)
      .catch((e: unknown) => console.error(`[${name}] background round failed`, e))
      .finally(() => (running = false));
  }, everyMs).unref();
}
