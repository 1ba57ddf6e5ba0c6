import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { ENVIRONMENTS } from "@/lib/auth/roles";
import { testConnection } from "@/lib/mturk/connections";

export const POST = withTeam({ role: "admin", input: z.object({}) }, ({ ctx, params }) =>
  testConnection(ctx.team.id, z.enum(ENVIRONMENTS).parse(params.environment)),
);
