import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { WorkerInviteInput } from "@/lib/marketplace/admin-inputs";
import { inviteWorkers, teamWorkforce } from "@/lib/teams/worker-invites";

export const GET = withTeam({ role: "admin", input: z.object({}) }, ({ ctx }) => teamWorkforce(ctx));
export const POST = withTeam({ role: "admin", input: WorkerInviteInput }, ({ ctx, input }) => inviteWorkers(ctx, input));
