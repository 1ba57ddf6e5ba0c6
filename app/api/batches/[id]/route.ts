import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { batchStatus } from "@/lib/batches/batch-status";

export const GET = withTeam({ role: "viewer", input: z.object({}) }, ({ ctx, params }) => batchStatus(ctx, String(params.id)));
