import "server-only";
import { randomUUID } from "node:crypto";
import { startBackgroundLoop } from "@/lib/background-loop";
import { registeredJobHandlers } from "@/lib/jobs/job-registry";
import { runJobsOnce } from "@/lib/jobs/run-jobs";

const POLL_MS = 1000;

/** Runs durable jobs of the registered kinds in this server process: polls for runnable jobs, one at a time. */
export function startJobRunner(): void {
  const runnerId = `${process.pid}-${randomUUID()}`;
  startBackgroundLoop("jobs", POLL_MS, async (signal) => {
    await runJobsOnce(registeredJobHandlers(), { runnerId, signal });
  });
}
