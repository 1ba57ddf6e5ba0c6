import "server-only";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { provisionRequester } from "@/lib/marketplace/admin";
import { ENVIRONMENTS } from "@/lib/scope";

export function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "team"
  );
}

async function freeSlug(base: string): Promise<string> {
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await db.team.findUnique({ where: { slug }, select: { id: true } }))) return slug;
  }
}

/**
 * A team with its owner, connected in both environments to the built-in marketplace with a
 * key pair of its own.
 */
export async function createTeam(input: { name: string; ownerUserId: string }): Promise<{ id: string; slug: string }> {
  const team = await db.team.create({
    data: {
      name: input.name,
      slug: await freeSlug(slugify(input.name)),
      memberships: { create: { userId: input.ownerUserId, role: "owner" } },
    },
    select: { id: true, slug: true },
  });
  for (const environment of ENVIRONMENTS) {
    const keys = await provisionRequester(team.id, environment, input.name);
    await db.marketplaceConnection.create({
      data: {
        teamId: team.id,
        environment,
        kind: "builtin",
        accessKeyId: keys.accessKeyId,
        secretCiphertext: encryptSecret(keys.secretAccessKey),
      },
    });
  }
  await db.user.update({ where: { id: input.ownerUserId }, data: { activeTeamId: team.id } });
  return team;
}
