import "server-only";
import { cache } from "react";
import { auth } from "@/lib/auth/auth";
import type { Role } from "@/lib/auth/roles";
import { liveSessionUser } from "@/lib/auth/user-sessions";
import { db } from "@/lib/db";
import type { EnvironmentName } from "@/lib/scope";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  environment: EnvironmentName;
  activeTeamId: string | null;
}

export interface TeamSummary {
  id: string;
  slug: string;
  name: string;
  role: Role;
}

export interface TeamContext {
  user: SessionUser;
  team: { id: string; slug: string; name: string; reviewerBonusLimitCents: number };
  role: Role;
  environment: EnvironmentName;
  teams: TeamSummary[];
}

/**
 * The signed-in user and their session's id, read fresh from the database on every request:
 * an ended session (sign-out, password change, removal) or a removed user is no one.
 */
export const currentSession = cache(async (): Promise<{ user: SessionUser; sessionId: string } | null> => {
  const session = await auth();
  if (!session?.uid || !session.sid) return null;
  const user = await liveSessionUser(session.sid);
  return user && user.id === session.uid ? { user, sessionId: session.sid } : null;
});

export const currentUser = cache(async (): Promise<SessionUser | null> => (await currentSession())?.user ?? null);

/** The user's active team (their last choice, else their first) with their role in it. Reads only. */
export const currentTeamContext = cache(async (): Promise<TeamContext | null> => {
  const user = await currentUser();
  if (!user) return null;
  const memberships = await db.membership.findMany({
    where: { userId: user.id },
    include: { team: { select: { id: true, slug: true, name: true, reviewerBonusLimitCents: true } } },
    orderBy: { createdAt: "asc" },
  });
  const active = memberships.find((m) => m.teamId === user.activeTeamId) ?? memberships[0];
  if (!active) return null;
  return {
    user,
    team: active.team,
    role: active.role,
    environment: user.environment,
    teams: memberships.map((m) => ({ id: m.team.id, slug: m.team.slug, name: m.team.name, role: m.role })),
  };
});
