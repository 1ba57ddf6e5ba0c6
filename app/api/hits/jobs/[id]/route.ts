import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { JobControlInput } from "@/lib/hits/hit-actions";
import { hitJob } from "@/lib/hits/hit-jobs";
import { controlJob } from "@/lib/jobs/job-control";

export const GET = withTeam({ role: "viewer", input: z.object({}) }, ({ ctx, params }) => hitJob({ teamId: ctx.team.id, environment: ctx.environment }, String(params.id)));

export const POST = withTeam({ role: "admin", input: JobControlInput }, async ({ ctx, input, params }) => {
  const scope = { teamId: ctx.team.id, environment: ctx.environment };
  await hitJob(scope, String(params.id));
  await controlJob(scope, String(params.id), input.action);
  return hitJob(scope, String(params.id));
});
