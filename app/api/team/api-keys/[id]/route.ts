import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { RestrictApiKeyInput } from "@/lib/teams/api-key-input";
import { restrictTeamApiKey, revokeTeamApiKey } from "@/lib/teams/api-keys";

export const PATCH = withTeam({ role: "admin", input: RestrictApiKeyInput }, ({ ctx, input, params }) => restrictTeamApiKey(ctx, String(params.id), input));
export const DELETE = withTeam({ role: "admin", input: z.object({}) }, ({ ctx, params }) => revokeTeamApiKey(ctx, String(params.id)));
