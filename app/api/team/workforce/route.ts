import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { WorkforceSettingsPatch } from "@/lib/marketplace/admin-inputs";
import { readTeamWorkforce, updateTeamWorkforce } from "@/lib/teams/simulated-workforce";

export const GET = withTeam({ role: "viewer", input: z.object({}) }, ({ ctx }) => readTeamWorkforce(ctx.team.id));
export const PATCH = withTeam({ role: "admin", input: WorkforceSettingsPatch }, ({ ctx, input }) => updateTeamWorkforce(ctx, input));
