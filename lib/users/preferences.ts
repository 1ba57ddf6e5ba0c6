import "server-only";
import { db } from "@/lib/db";
import { NotFound } from "@/lib/errors";
import type { EnvironmentName } from "@/lib/scope";

export async function setEnvironment(userId: string, environment: EnvironmentName): Promise<{ environment: EnvironmentName }> {
  await db.user.update({ where: { id: userId }, data: { environment } });
  return { environment };
}

/** Only to a team the user belongs to. */
export async function setActiveTeam(userId: string, teamId: string): Promise<{ teamId: string }> {
  const membership = await db.membership.findUnique({ where: { userId_teamId: { userId, teamId } } });
  if (!membership) throw new NotFound("You are not a member of that team");
  await db.user.update({ where: { id: userId }, data: { activeTeamId: teamId } });
  return { teamId };
}
