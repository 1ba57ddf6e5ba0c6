import "server-only";
import { randomUUID } from "node:crypto";
import { JOB_HANDLERS } from "@/lib/jobs/job-handlers";
import { runJobsOnce } from "@/lib/jobs/run-jobs";
import { shutdownSignal } from "@/lib/shutdown";

const POLL_MS = 1000;
let started = false;

/** Runs durable jobs in this server process: polls for runnable jobs, one at a time. */
export function startJobRunner(): void {
  if (started) return;
  started = true;
  const runnerId = `${process.pid}-${randomUUID()}`;
  const signal = shutdownSignal();
  let running = false;
  setInterval(() => {
    if (running || signal.aborted) return;
    running = true;
    runJobsOnce(JOB_HANDLERS, runnerId, signal)
      .catch((e) => console.error("[jobs] runner failed", e))
      .finally(() => (running = false));
  }, POLL_MS).unref();
}
