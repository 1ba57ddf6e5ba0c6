import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { revokeWorkersInvite } from "@/lib/teams/worker-invites";

export const DELETE = withTeam({ role: "admin", input: z.object({}) }, async ({ ctx, params }) => {
  await revokeWorkersInvite(ctx, String(params.id));
});
