import { randomBytes } from "node:crypto";
import type { Role } from "@/lib/auth/roles";
import type { TeamContext } from "@/lib/auth/session";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import type { Harness } from "@/test/marketplace/harness";
import { createTeam } from "@/lib/teams/create-team";
import { createUser } from "@/lib/users/create-user";

/**
 * A team whose connection in the harness's environment points at the harness's marketplace
 * (as a custom endpoint with the harness requester's keys), and a TeamContext for calling
 * dashboard lib/ functions as a member with `role`.
 */
export async function teamOnHarness(h: Harness, role: Role = "owner"): Promise<TeamContext> {
  const tag = randomBytes(4).toString("hex");
  const user = await createUser({ email: `member-${tag}@example.com`, password: "test-password-123", name: `Member ${tag}` });
  const team = await createTeam({ name: `Team ${tag}`, ownerUserId: user.id });
  await db.marketplaceConnection.update({
    where: { teamId_environment: { teamId: team.id, environment: h.environment } },
    data: { kind: "custom", endpoint: h.endpoint, accessKeyId: h.accessKeyId, secretCiphertext: encryptSecret(h.secretAccessKey) },
  });
  const row = await db.team.findUniqueOrThrow({ where: { id: team.id } });
  return {
    user: { id: user.id, email: `member-${tag}@example.com`, name: `Member ${tag}`, environment: h.environment, activeTeamId: team.id },
    team: { id: row.id, slug: row.slug, name: row.name, reviewerBonusLimitCents: row.reviewerBonusLimitCents },
    role,
    environment: h.environment,
    teams: [{ id: row.id, slug: row.slug, name: row.name, role }],
  };
}
