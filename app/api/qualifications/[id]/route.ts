import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { deleteQualificationType } from "@/lib/qualifications/delete-qualification-type";
import { getQualificationType } from "@/lib/qualifications/get-qualification-type";
import { QualificationTypeUpdate } from "@/lib/qualifications/qualification-type-input";
import { updateQualificationType } from "@/lib/qualifications/update-qualification-type";

export const GET = withTeam({ role: "viewer", input: z.object({}) }, ({ ctx, params }) => getQualificationType(ctx.team.id, ctx.environment, String(params.id)));
export const PATCH = withTeam({ role: "admin", input: QualificationTypeUpdate }, ({ ctx, input, params }) => updateQualificationType(ctx, String(params.id), input));
export const DELETE = withTeam({ role: "admin", input: z.object({}) }, ({ ctx, params }) => deleteQualificationType(ctx, String(params.id)));
