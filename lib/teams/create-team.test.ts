import { describe, expect, it } from "vitest";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { createTeam, slugify } from "@/lib/teams/create-team";
import { createUser } from "@/lib/users/create-user";

describe("createTeam", () => {
  it("makes the creator owner and connects both environments to the built-in marketplace with their own keys", async () => {
    const email = `owner-${Date.now()}@example.com`;
    const user = await createUser({ email, password: "correct horse battery", name: "Owner" });
    const team = await createTeam({ name: "Acme Research", ownerUserId: user.id });
    const membership = await db.membership.findUniqueOrThrow({ where: { userId_teamId: { userId: user.id, teamId: team.id } } });
    expect(membership.role).toBe("owner");
    const connections = await db.marketplaceConnection.findMany({ where: { teamId: team.id }, omit: { secretCiphertext: false } });
    expect(connections.map((c) => c.environment).sort()).toEqual(["production", "sandbox"]);
    for (const c of connections) {
      expect(c.kind).toBe("builtin");
      // The marketplace knows the connection's key as the team's, for this environment only.
      const secret = await db.mkApiKeySecret.findUniqueOrThrow({ where: { accessKeyId: c.accessKeyId }, omit: { secretCiphertext: false } });
      const key = await db.mkApiKey.findUniqueOrThrow({ where: { id: secret.keyId } });
      expect(key).toMatchObject({ ownerRef: team.id, environment: c.environment, purpose: "dashboard", revokedAt: null });
      expect(decryptSecret(c.secretCiphertext)).toBe(decryptSecret(secret.secretCiphertext));
    }
    expect(connections[0]!.accessKeyId).not.toBe(connections[1]!.accessKeyId);
  });

  it("gives each team a unique slug", async () => {
    expect(slugify("  Acme Research, Inc. ")).toBe("acme-research-inc");
    const user = await createUser({ email: `slug-${Date.now()}@example.com`, password: "correct horse battery", name: "S" });
    const a = await createTeam({ name: "Same Name", ownerUserId: user.id });
    const b = await createTeam({ name: "Same Name", ownerUserId: user.id });
    expect(a.slug).not.toBe(b.slug);
  });
});
