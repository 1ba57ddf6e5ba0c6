import "server-only";
import type { TeamContext } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { Conflict } from "@/lib/errors";

export interface FeedbackTemplateView {
  id: string;
  label: string;
  text: string;
}

/** Offered until a team saves its own, so the first rejection already has choices. */
const STARTERS: FeedbackTemplateView[] = [
  { id: "starter-instructions", label: "Instructions not followed", text: "The answer does not follow the task's instructions." },
  { id: "starter-empty", label: "Empty or random", text: "The answer is empty, copied from the question, or unrelated to the task." },
  { id: "starter-gold", label: "Failed check question", text: "The answer to a check question with a known answer was wrong." },
];

export async function listFeedbackTemplates(teamId: string): Promise<FeedbackTemplateView[]> {
  const saved = await db.feedbackTemplate.findMany({ where: { teamId }, orderBy: { label: "asc" }, select: { id: true, label: true, text: true } });
  return saved.length ? saved : STARTERS;
}

export async function createFeedbackTemplate(ctx: TeamContext, input: { label: string; text: string }): Promise<FeedbackTemplateView> {
  const existing = await db.feedbackTemplate.findUnique({ where: { teamId_label: { teamId: ctx.team.id, label: input.label } }, select: { id: true } });
  if (existing) throw new Conflict(`A template named “${input.label}” exists already`);
  const row = await db.feedbackTemplate.create({ data: { teamId: ctx.team.id, ...input }, select: { id: true, label: true, text: true } });
  await recordAudit(ctx, "review.feedback-template", row.id, { label: row.label });
  return row;
}
