import { InviteInput } from "@/lib/auth/schemas";
import { withTeam } from "@/lib/auth/guard";
import { createInvite } from "@/lib/teams/invites";

export const POST = withTeam({ role: "admin", input: InviteInput }, ({ ctx, input }) => createInvite(ctx, input));
