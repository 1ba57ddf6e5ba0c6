import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { ROLES } from "@/lib/auth/roles";
import { changeMemberRole, removeMember } from "@/lib/teams/members";

export const PATCH = withTeam({ role: "admin", input: z.object({ role: z.enum(ROLES) }) }, ({ ctx, input, params }) => changeMemberRole(ctx, String(params.id), input.role));

export const DELETE = withTeam({ role: "admin", input: z.object({}) }, ({ ctx, params }) => removeMember(ctx, String(params.id)));
