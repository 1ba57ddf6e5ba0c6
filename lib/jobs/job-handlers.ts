import "server-only";
import type { JobHandler } from "@/lib/jobs/job-types";

/**
 * Every kind of job the runner knows. Domain modules define their handlers; this is the one
 * list the background runner uses.
 */
export const JOB_HANDLERS: Record<string, JobHandler> = {};
