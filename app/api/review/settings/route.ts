import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { ReviewSettingsInput } from "@/lib/review/review-inputs";
import { reviewSettings, updateReviewSettings } from "@/lib/review/review-settings";

export const GET = withTeam({ role: "viewer", input: z.object({}) }, ({ ctx }) => reviewSettings(ctx.team.id));

export const PATCH = withTeam({ role: "admin", input: ReviewSettingsInput }, ({ ctx, input }) => updateReviewSettings(ctx, input));
