import { withTeam } from "@/lib/auth/guard";
import { grantByAgreement } from "@/lib/qualifications/grant-scores";
import { GrantAgreementInput } from "@/lib/qualifications/qualification-op-input";

export const POST = withTeam({ role: "admin", input: GrantAgreementInput }, ({ ctx, input, params }) => grantByAgreement(ctx, String(params.id), input));
