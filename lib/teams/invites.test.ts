import { describe, expect, it } from "vitest";
import { randomToken, sha256 } from "@/lib/crypto";
import { db } from "@/lib/db";
import { createTeam } from "@/lib/teams/create-team";
import { acceptInviteAsNewUser, acceptInviteAsUser, findInvite } from "@/lib/teams/invites";
import { createUser } from "@/lib/users/create-user";

let n = 0;
const email = (tag: string) => `${tag}-${Date.now()}-${n++}@example.com`;

async function teamWithInvite(inviteeEmail: string) {
  const owner = await createUser({ email: email("owner"), password: "correct horse battery", name: "Owner" });
  const team = await createTeam({ name: "Invites test", ownerUserId: owner.id });
  const token = randomToken();
  await db.invite.create({ data: { teamId: team.id, email: inviteeEmail, role: "reviewer", tokenHash: sha256(token), createdById: owner.id, expiresAt: new Date(Date.now() + 3_600_000) } });
  return { team, token };
}

describe("accepting an invitation", () => {
  it("refuses someone else, changes nothing, and still lets the invitee join", async () => {
    const invitee = { email: email("invitee") };
    const inviteeUser = await createUser({ email: invitee.email, password: "correct horse battery", name: "Invitee" });
    const stranger = await createUser({ email: email("stranger"), password: "correct horse battery", name: "Stranger" });
    const strangerEmail = (await db.user.findUniqueOrThrow({ where: { id: stranger.id } })).email;
    const { team, token } = await teamWithInvite(invitee.email);

    await expect(acceptInviteAsUser(token, { id: stranger.id, email: strangerEmail })).rejects.toThrow(`This invitation is for ${invitee.email}`);
    expect((await findInvite(token)).status).toBe("valid");
    expect(await db.membership.count({ where: { teamId: team.id, userId: stranger.id } })).toBe(0);

    await acceptInviteAsUser(token, { id: inviteeUser.id, email: invitee.email });
    expect((await db.membership.findUniqueOrThrow({ where: { userId_teamId: { userId: inviteeUser.id, teamId: team.id } } })).role).toBe("reviewer");
    expect((await findInvite(token)).status).toBe("used");
  });

  it("leaves the invitation unused when the new-login path finds an existing login", async () => {
    const existing = email("existing");
    await createUser({ email: existing, password: "correct horse battery", name: "Existing" });
    const { token } = await teamWithInvite(existing);
    await expect(acceptInviteAsNewUser(token, { name: "Again", password: "lantern-quiet-figs-7", confirm: "lantern-quiet-figs-7" })).rejects.toThrow("You already have a HITdesk login");
    expect((await findInvite(token)).status).toBe("valid");
  });

  it("is used once, even by two submits at the same time", async () => {
    const newcomer = email("newcomer");
    const { team, token } = await teamWithInvite(newcomer);
    const input = { name: "New", password: "lantern-quiet-figs-7", confirm: "lantern-quiet-figs-7" };
    const outcomes = await Promise.allSettled([acceptInviteAsNewUser(token, input), acceptInviteAsNewUser(token, input)]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { email: newcomer } })).toBe(1);
    expect(await db.membership.count({ where: { teamId: team.id, user: { email: newcomer } } })).toBe(1);
  });
});
