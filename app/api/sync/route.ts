import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { syncStatus, syncTeamNow } from "@/lib/sync/sync-team";

// Syncing only reads the marketplace, so every member may ask for it.
export const GET = withTeam({ role: "viewer", input: z.object({}) }, ({ ctx }) => syncStatus(ctx.team.id, ctx.environment));

export const POST = withTeam({ role: "viewer", input: z.object({}) }, ({ ctx }) => syncTeamNow(ctx.team.id, ctx.environment));
