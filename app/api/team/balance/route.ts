import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { testConnection } from "@/lib/mturk/connections";

export const GET = withTeam({ role: "viewer", input: z.object({}) }, ({ ctx }) => testConnection(ctx.team.id, ctx.environment));
