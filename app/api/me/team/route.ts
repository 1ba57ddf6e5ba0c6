import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { setActiveTeam } from "@/lib/users/preferences";

export const POST = withTeam({ role: "viewer", input: z.object({ teamId: z.string().min(1) }) }, ({ ctx, input }) => setActiveTeam(ctx.user.id, input.teamId));
