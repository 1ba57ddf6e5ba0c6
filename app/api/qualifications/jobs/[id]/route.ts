import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { qualificationJob } from "@/lib/qualifications/qualification-ops-job";

export const GET = withTeam({ role: "viewer", input: z.object({}) }, ({ ctx, params }) => qualificationJob({ teamId: ctx.team.id, environment: ctx.environment }, String(params.id)));
