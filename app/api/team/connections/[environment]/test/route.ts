import { z } from "zod";
import { environmentParam, withTeam } from "@/lib/auth/guard";
import { testConnection } from "@/lib/mturk/connections";

export const POST = withTeam({ role: "admin", input: z.object({}) }, ({ ctx, params }) => testConnection(ctx.team.id, environmentParam(params)));
