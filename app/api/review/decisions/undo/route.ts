import { withTeam } from "@/lib/auth/guard";
import { DecisionIdsInput } from "@/lib/review/review-inputs";
import { undoDecisions } from "@/lib/review/undo-decisions";

export const POST = withTeam({ role: "reviewer", input: DecisionIdsInput }, ({ ctx, input }) => undoDecisions(ctx, input.decisionIds));
