import "server-only";
import { db } from "@/lib/db";
import type { Scope } from "@/lib/scope";

/** Keeps (or, given none, forgets) the answer key a type's test is scored with in the inbox. */
export async function saveReviewKey(scope: Scope, qualificationTypeId: string, answerKeyXml: string | undefined): Promise<void> {
  const where = { teamId_environment_qualificationTypeId: { ...scope, qualificationTypeId } };
  if (answerKeyXml) await db.qualificationReviewKey.upsert({ where, create: { ...scope, qualificationTypeId, answerKeyXml }, update: { answerKeyXml } });
  else await db.qualificationReviewKey.deleteMany({ where: { ...scope, qualificationTypeId } });
}

export async function reviewKeyOf(scope: Scope, qualificationTypeId: string): Promise<string | null> {
  const row = await db.qualificationReviewKey.findUnique({ where: { teamId_environment_qualificationTypeId: { ...scope, qualificationTypeId } }, select: { answerKeyXml: true } });
  return row?.answerKeyXml ?? null;
}
