import "server-only";
import type { JobHandler } from "@/lib/jobs/job-types";

// On globalThis: Next loads instrumentation (which registers the handlers at start-up) and the
// route handlers as separate module instances of this file, in one process.
const globalForJobs = globalThis as unknown as { jobHandlers?: Map<string, JobHandler> };
const handlers = (globalForJobs.jobHandlers ??= new Map<string, JobHandler>());

/** Each domain's handlers are registered once at start-up, so lib/jobs imports no domain. */
export function registerJobHandlers(...list: JobHandler[]): void {
  for (const handler of list) handlers.set(handler.kind, handler);
}

export function jobHandler(kind: string): JobHandler | undefined {
  return handlers.get(kind);
}

export function registeredJobHandlers(): Record<string, JobHandler> {
  return Object.fromEntries(handlers);
}
