import { TeamNameInput } from "@/lib/auth/schemas";
import { withTeam } from "@/lib/auth/guard";
import { createTeam } from "@/lib/teams/create-team";

// Any member may start a new team of their own, of which they become owner.
export const POST = withTeam({ role: "viewer", input: TeamNameInput }, ({ ctx, input }) => createTeam({ name: input.name, ownerUserId: ctx.user.id }));
