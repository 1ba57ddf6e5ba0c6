import "server-only";
import { HttpError } from "@/lib/http-error";
import type { EnvironmentName } from "@/lib/auth/roles";
import { db } from "@/lib/db";

export async function setEnvironment(userId: string, environment: EnvironmentName): Promise<{ environment: EnvironmentName }> {
  await db.user.update({ where: { id: userId }, data: { environment } });
  return { environment };
}

/** Only to a team the user belongs to. */
export async function setActiveTeam(userId: string, teamId: string): Promise<{ teamId: string }> {
  const membership = await db.membership.findUnique({ where: { userId_teamId: { userId, teamId } } });
  if (!membership) throw new HttpError(404, "You are not a member of that team");
  await db.user.update({ where: { id: userId }, data: { activeTeamId: teamId } });
  return { teamId };
}
