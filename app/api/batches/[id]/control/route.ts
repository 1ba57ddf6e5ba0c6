import { withTeam } from "@/lib/auth/guard";
import { BatchControlInput, controlBatch } from "@/lib/batches/batch-status";

export const POST = withTeam({ role: "admin", input: BatchControlInput }, ({ ctx, input, params }) => controlBatch(ctx, String(params.id), input.action));
