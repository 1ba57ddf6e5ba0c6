import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { getAssignmentReview } from "@/lib/review/get-assignment-review";

export const GET = withTeam({ role: "viewer", input: z.object({}) }, ({ ctx, params }) => getAssignmentReview({ teamId: ctx.team.id, environment: ctx.environment }, String(params.id)));
