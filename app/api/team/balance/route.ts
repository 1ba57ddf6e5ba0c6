import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { accountBalance } from "@/lib/mturk/balance";

export const GET = withTeam({ role: "viewer", input: z.object({}) }, ({ ctx }) => accountBalance(ctx.team.id, ctx.environment));
