import "server-only";
import { cache } from "react";
import { auth } from "@/lib/auth/auth";
import type { EnvironmentName, Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { noteTeamActivity } from "@/lib/sync/note-team-activity";

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

/** The signed-in user, read fresh from the database (a removed user or ended session is no one). */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  if (!session?.uid) return null;
  const user = await db.user.findUnique({
    where: { id: session.uid },
    select: { id: true, email: true, name: true, environment: true, activeTeamId: true, sessionVersion: true },
  });
  if (!user || user.sessionVersion !== session.sv) return null;
  return { id: user.id, email: user.email, name: user.name, environment: user.environment, activeTeamId: user.activeTeamId };
});

/** The user's active team (their last choice, else their first) with their role in it. */
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
  // Not awaited: keeping the background sync informed must never slow or fail a page.
  noteTeamActivity(active.teamId, user.environment).catch((e: unknown) => console.error("[sync] noting team activity failed", e));
  return {
    user,
    team: active.team,
    role: active.role,
    environment: user.environment,
    teams: memberships.map((m) => ({ id: m.team.id, slug: m.team.slug, name: m.team.name, role: m.role })),
  };
});
