import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { ENVIRONMENTS } from "@/lib/scope";
import { setEnvironment } from "@/lib/users/preferences";

export const POST = withTeam({ role: "viewer", input: z.object({ environment: z.enum(ENVIRONMENTS) }) }, ({ ctx, input }) => setEnvironment(ctx.user.id, input.environment));
