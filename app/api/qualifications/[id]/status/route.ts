import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { QUALIFICATION_STATUSES } from "@/lib/qualifications/qualification-type-input";
import { setQualificationTypeStatus } from "@/lib/qualifications/update-qualification-type";

export const POST = withTeam({ role: "admin", input: z.object({ status: z.enum(QUALIFICATION_STATUSES) }) }, ({ ctx, input, params }) =>
  setQualificationTypeStatus(ctx, String(params.id), input.status),
);
