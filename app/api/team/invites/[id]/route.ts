import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { revokeInvite } from "@/lib/teams/invites";

export const DELETE = withTeam({ role: "admin", input: z.object({}) }, ({ ctx, params }) => revokeInvite(ctx, String(params.id)));
