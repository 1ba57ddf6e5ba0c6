import { withTeam } from "@/lib/auth/guard";
import { messageWorkers } from "@/lib/workers/message-workers";
import { MessageInput } from "@/lib/workers/worker-action-input";
import { startMessageJob } from "@/lib/workers/worker-jobs";

// One worker: sent at once, outcome in the reply. Several: a durable job with progress.
export const POST = withTeam({ role: "admin", input: MessageInput }, ({ ctx, input }) => (new Set(input.workerIds).size === 1 ? messageWorkers(ctx, input) : startMessageJob(ctx, input)));
