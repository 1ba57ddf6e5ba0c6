import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { cancelWorkerJob, workerJob } from "@/lib/workers/worker-jobs";

// Admin, like the actions that start these jobs: the failures name workers and what MTurk said.
export const GET = withTeam({ role: "admin", input: z.object({}) }, ({ ctx, params }) => workerJob({ teamId: ctx.team.id, environment: ctx.environment }, String(params.id)));

export const POST = withTeam({ role: "admin", input: z.object({ action: z.literal("cancel") }) }, ({ ctx, params }) => cancelWorkerJob(ctx, String(params.id)));
