import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { startHitActionJob } from "@/lib/hits/hit-action-job";
import { BulkHitActionInput } from "@/lib/hits/hit-actions";
import { listHitJobs } from "@/lib/hits/hit-jobs";

export const GET = withTeam({ role: "viewer", input: z.object({}) }, ({ ctx }) => listHitJobs({ teamId: ctx.team.id, environment: ctx.environment }));

export const POST = withTeam({ role: "admin", input: BulkHitActionInput }, ({ ctx, input }) => startHitActionJob(ctx, input));
