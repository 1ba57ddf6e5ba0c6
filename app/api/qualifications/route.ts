import { withTeam } from "@/lib/auth/guard";
import { createQualificationType } from "@/lib/qualifications/create-qualification-type";
import { QualificationTypeInput } from "@/lib/qualifications/qualification-type-input";

export const POST = withTeam({ role: "admin", input: QualificationTypeInput }, ({ ctx, input }) => createQualificationType(ctx, input));
