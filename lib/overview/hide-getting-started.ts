import "server-only";
import { db } from "@/lib/db";

/** Whether this member hid the Getting started checklist in this team. */
export async function gettingStartedHidden(userId: string, teamId: string): Promise<boolean> {
  const membership = await db.membership.findUnique({ where: { userId_teamId: { userId, teamId } }, select: { gettingStartedHiddenAt: true } });
  return membership?.gettingStartedHiddenAt != null;
}

/** Hides the checklist for this member of this team, or (hidden false) brings it back. Other members keep their own choice. */
export async function setGettingStartedHidden(userId: string, teamId: string, hidden: boolean): Promise<{ hidden: boolean }> {
  await db.membership.update({ where: { userId_teamId: { userId, teamId } }, data: { gettingStartedHiddenAt: hidden ? new Date() : null } });
  return { hidden };
}
