import { withTeam } from "@/lib/auth/guard";
import { blockWorkers } from "@/lib/workers/block-workers";
import { BlockInput } from "@/lib/workers/worker-action-input";

export const POST = withTeam({ role: "admin", input: BlockInput }, ({ ctx, input }) => blockWorkers(ctx, input));
