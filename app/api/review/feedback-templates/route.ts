import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { createFeedbackTemplate, listFeedbackTemplates } from "@/lib/review/feedback-templates";
import { FeedbackTemplateInput } from "@/lib/review/review-inputs";

export const GET = withTeam({ role: "viewer", input: z.object({}) }, ({ ctx }) => listFeedbackTemplates(ctx.team.id));

export const POST = withTeam({ role: "reviewer", input: FeedbackTemplateInput }, ({ ctx, input }) => createFeedbackTemplate(ctx, input));
