import { randomBytes } from "node:crypto";
import type { Role } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { createTeam } from "@/lib/teams/create-team";
import { createUser } from "@/lib/users/create-user";

/** Test data made through lib/, unique per test, against the server's own database. */

export const PASSWORD = "e2e-correct-horse-42";

export function uniqueEmail(tag: string): string {
  return `${tag}-${randomBytes(5).toString("hex")}@example.com`;
}

export interface SeededUser {
  id: string;
  email: string;
  password: string;
}

export async function seedUser(tag: string): Promise<SeededUser> {
  const email = uniqueEmail(tag);
  const { id } = await createUser({ email, password: PASSWORD, name: tag[0]!.toUpperCase() + tag.slice(1) });
  return { id, email, password: PASSWORD };
}

export interface SeededTeam {
  id: string;
  name: string;
  users: Record<Role, SeededUser>;
}

/** A team with one user in each role. */
export async function seedTeam(name = `Team ${randomBytes(3).toString("hex")}`): Promise<SeededTeam> {
  const owner = await seedUser("owner");
  const team = await createTeam({ name, ownerUserId: owner.id });
  const users = { owner } as Record<Role, SeededUser>;
  for (const role of ["admin", "reviewer", "viewer"] as const) {
    const user = await seedUser(role);
    await db.membership.create({ data: { userId: user.id, teamId: team.id, role } });
    await db.user.update({ where: { id: user.id }, data: { activeTeamId: team.id } });
    users[role] = user;
  }
  return { id: team.id, name, users };
}
