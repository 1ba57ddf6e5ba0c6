import { withTeam } from "@/lib/auth/guard";
import { blockWorkers } from "@/lib/workers/block-workers";
import { BlockInput } from "@/lib/workers/worker-action-input";
import { startBlockJob } from "@/lib/workers/worker-jobs";

// One worker: done at once, outcome in the reply. Several: a durable job with progress.
export const POST = withTeam({ role: "admin", input: BlockInput }, ({ ctx, input }) => (new Set(input.workerIds).size === 1 ? blockWorkers(ctx, input) : startBlockJob(ctx, input)));
