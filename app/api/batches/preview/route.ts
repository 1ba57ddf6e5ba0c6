import { withTeam } from "@/lib/auth/guard";
import { BatchInput } from "@/lib/batches/batch-input";
import { previewBatch } from "@/lib/batches/create-batch";

export const POST = withTeam({ role: "admin", input: BatchInput }, ({ ctx, input }) => previewBatch(ctx, input));
