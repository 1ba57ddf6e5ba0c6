import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { jobProgress } from "@/lib/jobs/job-control";

export const GET = withTeam({ role: "viewer", input: z.object({}) }, ({ ctx, params }) =>
  jobProgress({ teamId: ctx.team.id, environment: ctx.environment }, String(params.id)),
);
