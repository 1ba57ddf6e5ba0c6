import { withTeam } from "@/lib/auth/guard";
import { QualificationOpsInput } from "@/lib/qualifications/qualification-op-input";
import { runQualificationOps } from "@/lib/qualifications/qualification-ops-job";

export const POST = withTeam({ role: "admin", input: QualificationOpsInput }, ({ ctx, input, params }) => runQualificationOps(ctx, String(params.id), input.ops));
