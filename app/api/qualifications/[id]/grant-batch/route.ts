import { withTeam } from "@/lib/auth/guard";
import { grantToBatchWorkers } from "@/lib/qualifications/grant-scores";
import { GrantBatchInput } from "@/lib/qualifications/qualification-op-input";

export const POST = withTeam({ role: "admin", input: GrantBatchInput }, ({ ctx, input, params }) => grantToBatchWorkers(ctx, String(params.id), input));
