import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { setGettingStartedHidden } from "@/lib/overview/hide-getting-started";

/** Hides or shows the overview's Getting started checklist for the signed-in member of the active team. */
export const POST = withTeam({ role: "viewer", input: z.object({ hidden: z.boolean("hidden: true or false") }) }, ({ ctx, input }) => setGettingStartedHidden(ctx.user.id, ctx.team.id, input.hidden));
