import "server-only";
import { batchCreateHandler } from "@/lib/batches/batch-job";
import { hitActionHandler } from "@/lib/hits/hit-action-job";
import type { JobHandler } from "@/lib/jobs/job-types";
import { qualificationOpsHandler } from "@/lib/qualifications/qualification-ops-job";
import { decideJobHandler } from "@/lib/review/send-decision";
import { bonusJobHandler } from "@/lib/review/send-bonus";
import { blockJobHandler, messageJobHandler } from "@/lib/workers/worker-jobs";

/**
 * Every kind of job the runner knows. Domain modules define their handlers; this is the one
 * list the background runner uses.
 */
export const JOB_HANDLERS: Record<string, JobHandler> = {
  [batchCreateHandler.kind]: batchCreateHandler,
  [hitActionHandler.kind]: hitActionHandler,
  [decideJobHandler.kind]: decideJobHandler,
  [bonusJobHandler.kind]: bonusJobHandler,
  [qualificationOpsHandler.kind]: qualificationOpsHandler,
  [blockJobHandler.kind]: blockJobHandler,
  [messageJobHandler.kind]: messageJobHandler,
};
