import { withTeam } from "@/lib/auth/guard";
import { payBonuses } from "@/lib/review/pay-bonuses";
import { BonusInput } from "@/lib/review/review-inputs";

export const POST = withTeam({ role: "reviewer", input: BonusInput }, ({ ctx, input }) => payBonuses(ctx, input));
