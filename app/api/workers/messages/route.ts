import { withTeam } from "@/lib/auth/guard";
import { messageWorkers } from "@/lib/workers/message-workers";
import { MessageInput } from "@/lib/workers/worker-action-input";

export const POST = withTeam({ role: "admin", input: MessageInput }, ({ ctx, input }) => messageWorkers(ctx, input));
