import { withTeam } from "@/lib/auth/guard";
import { decideAssignments } from "@/lib/review/decide-assignments";
import { DecideInput } from "@/lib/review/review-inputs";

export const POST = withTeam({ role: "reviewer", input: DecideInput }, ({ ctx, input }) => decideAssignments(ctx, input));
