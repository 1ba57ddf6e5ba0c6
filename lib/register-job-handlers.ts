import "server-only";
import { batchCreateHandler } from "@/lib/batches/batch-job";
import { hitActionHandler } from "@/lib/hits/hit-action-job";
import { registerJobHandlers } from "@/lib/jobs/job-registry";
import { qualificationOpsHandler } from "@/lib/qualifications/qualification-ops-job";
import { bonusJobHandler } from "@/lib/review/send-bonus";
import { decideJobHandler } from "@/lib/review/send-decision";
import { blockJobHandler, messageJobHandler } from "@/lib/workers/worker-jobs";

/** Every kind of job this app runs and shows; called at start-up, before the runner starts. */
export function registerAllJobHandlers(): void {
  registerJobHandlers(batchCreateHandler, hitActionHandler, decideJobHandler, bonusJobHandler, qualificationOpsHandler, blockJobHandler, messageJobHandler);
}
