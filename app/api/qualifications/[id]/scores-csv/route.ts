import { withTeam } from "@/lib/auth/guard";
import { grantScoresFromCsv } from "@/lib/qualifications/grant-scores";
import { ScoreCsvInput } from "@/lib/qualifications/qualification-op-input";

export const POST = withTeam({ role: "admin", input: ScoreCsvInput }, ({ ctx, input, params }) => grantScoresFromCsv(ctx, String(params.id), input));
