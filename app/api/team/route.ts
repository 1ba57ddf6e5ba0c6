import { withTeam } from "@/lib/auth/guard";
import { TeamSettingsInput } from "@/lib/teams/team-settings-input";
import { updateTeamSettings } from "@/lib/teams/members";

export const PATCH = withTeam({ role: "admin", input: TeamSettingsInput }, ({ ctx, input }) => updateTeamSettings(ctx, input));
