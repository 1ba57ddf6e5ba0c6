import { withTeam } from "@/lib/auth/guard";
import { confirmRejections } from "@/lib/review/confirm-rejections";
import { DecisionIdsInput } from "@/lib/review/review-inputs";

export const POST = withTeam({ role: "reviewer", input: DecisionIdsInput }, ({ ctx, input }) => confirmRejections(ctx, input.decisionIds));
