import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { issueMemberPasswordReset } from "@/lib/teams/member-password-reset";

export const POST = withTeam({ role: "owner", input: z.object({}) }, ({ ctx, params }) => issueMemberPasswordReset(ctx, String(params.id)));
