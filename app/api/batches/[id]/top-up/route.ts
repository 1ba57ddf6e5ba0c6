import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { ConfirmTopUpInput, payTopUp, topUpPlan } from "@/lib/workers/top-up-plan";

// Reviewers pay bonuses, within the team's per-bonus limit (checked by the ledger).
export const GET = withTeam({ role: "reviewer", input: z.object({}) }, ({ ctx, params }) => topUpPlan(ctx, String(params.id)));

export const POST = withTeam({ role: "reviewer", input: ConfirmTopUpInput }, ({ ctx, input, params }) => payTopUp(ctx, String(params.id), input));
