import "server-only";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import type { z } from "zod";
import type { ReviewSettingsInput } from "@/lib/review/review-inputs";

export interface ReviewSettingsView {
  undoWindowSeconds: number;
  confirmProductionRejections: boolean;
}

const DEFAULTS: ReviewSettingsView = { undoWindowSeconds: 10, confirmProductionRejections: false };

export async function reviewSettings(teamId: string): Promise<ReviewSettingsView> {
  const row = await db.reviewSettings.findUnique({ where: { teamId }, select: { undoWindowSeconds: true, confirmProductionRejections: true } });
  return row ?? DEFAULTS;
}

export async function updateReviewSettings(ctx: TeamContext, input: z.infer<typeof ReviewSettingsInput>): Promise<ReviewSettingsView> {
  const row = await db.reviewSettings.upsert({
    where: { teamId: ctx.team.id },
    create: { teamId: ctx.team.id, ...DEFAULTS, ...input },
    update: input,
    select: { undoWindowSeconds: true, confirmProductionRejections: true },
  });
  await recordAudit(ctx, "review.settings", ctx.team.id, { ...input });
  return row;
}
