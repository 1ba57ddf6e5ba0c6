import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { controlJob } from "@/lib/jobs/job-control";
import { JobControlInput } from "@/lib/jobs/job-types";
import { jobView } from "@/lib/jobs/job-view";

// Any member gets this far; the role each kind of job needs (to see it, to steer it) is its handler's.
export const GET = withTeam({ role: "viewer", input: z.object({}) }, ({ ctx, params }) => jobView({ teamId: ctx.team.id, environment: ctx.environment }, String(params.id), ctx.role));

export const POST = withTeam({ role: "viewer", input: JobControlInput }, ({ ctx, input, params }) => controlJob(ctx, String(params.id), input.action));
