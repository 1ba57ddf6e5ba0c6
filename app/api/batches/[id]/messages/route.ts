import { withTeam } from "@/lib/auth/guard";
import { BatchMessageInput } from "@/lib/workers/worker-action-input";
import { messageBatch } from "@/lib/workers/worker-jobs";

export const POST = withTeam({ role: "admin", input: BatchMessageInput }, ({ ctx, input, params }) => messageBatch(ctx, String(params.id), input));
