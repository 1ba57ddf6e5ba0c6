import { withTeam } from "@/lib/auth/guard";
import { BlockCsvInput } from "@/lib/workers/worker-action-input";
import { startBlockCsvJob } from "@/lib/workers/worker-jobs";

export const POST = withTeam({ role: "admin", input: BlockCsvInput }, ({ ctx, input }) => startBlockCsvJob(ctx, input.csv));
