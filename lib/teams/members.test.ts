import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import type { TeamContext } from "@/lib/auth/session";
import { liveSessionUser, startUserSession } from "@/lib/auth/user-sessions";
import { db } from "@/lib/db";
import { createTeam } from "@/lib/teams/create-team";
import { changeMemberRole, removeMember } from "@/lib/teams/members";
import { createUser } from "@/lib/users/create-user";

let n = 0;
async function user(tag: string) {
  const email = `${tag}-${Date.now()}-${n++}@example.com`;
  return { ...(await createUser({ email, password: "correct horse battery", name: tag })), email };
}

async function teamWith(roles: Role[]) {
  const owner = await user("owner");
  const team = await createTeam({ name: "Members test", ownerUserId: owner.id });
  const members: Record<string, { userId: string; email: string; membershipId: string }> = {};
  members.owner = { userId: owner.id, email: owner.email, membershipId: (await db.membership.findFirstOrThrow({ where: { teamId: team.id, userId: owner.id } })).id };
  for (const [i, role] of roles.entries()) {
    const u = await user(role);
    const m = await db.membership.create({ data: { userId: u.id, teamId: team.id, role } });
    members[members[role] ? `${role}${i}` : role] = { userId: u.id, email: u.email, membershipId: m.id };
  }
  const ctx = (as: string, role: Role): TeamContext => ({
    user: { id: members[as]!.userId, email: members[as]!.email, name: null, environment: "sandbox", activeTeamId: team.id },
    team: { id: team.id, slug: team.slug, name: "Members test", reviewerBonusLimitCents: 500 },
    role,
    environment: "sandbox",
    teams: [],
  });
  return { team, members, ctx };
}

describe("team membership rules", () => {
  it("never leaves a team without an owner", async () => {
    const { members, ctx } = await teamWith([]);
    await expect(changeMemberRole(ctx("owner", "owner"), members.owner!.membershipId, "admin")).rejects.toThrow("A team needs at least one owner");
    await expect(removeMember(ctx("owner", "owner"), members.owner!.membershipId)).rejects.toThrow("A team needs at least one owner");
  });

  it("lets only owners make or unmake owners", async () => {
    const { members, ctx } = await teamWith(["admin", "viewer"]);
    await expect(changeMemberRole(ctx("admin", "admin"), members.viewer!.membershipId, "owner")).rejects.toThrow("Only an owner can make or unmake owners");
    await expect(changeMemberRole(ctx("admin", "admin"), members.owner!.membershipId, "viewer")).rejects.toThrow("Only an owner can make or unmake owners");
    await expect(removeMember(ctx("admin", "admin"), members.owner!.membershipId)).rejects.toThrow("Only an owner can remove an owner");
    await changeMemberRole(ctx("admin", "admin"), members.viewer!.membershipId, "reviewer");
    expect((await db.membership.findUniqueOrThrow({ where: { id: members.viewer!.membershipId } })).role).toBe("reviewer");
  });

  it("records who changed what in the audit log", async () => {
    const { team, members, ctx } = await teamWith(["viewer"]);
    await removeMember(ctx("owner", "owner"), members.viewer!.membershipId);
    const entry = await db.auditLog.findFirstOrThrow({ where: { teamId: team.id, action: "member.remove" } });
    expect(entry.actorEmail).toBe(members.owner!.email);
    expect(entry.target).toBe(members.viewer!.email);
  });

  it("refuses members of another team", async () => {
    const a = await teamWith(["viewer"]);
    const b = await teamWith([]);
    await expect(removeMember(b.ctx("owner", "owner"), a.members.viewer!.membershipId)).rejects.toThrow("No member with that id in this team");
  });

  it("keeps at least one owner when owners demote and remove each other at once", async () => {
    for (const change of ["demote", "remove", "both"] as const) {
      // Six owners, each acting on every other one at the same time.
      const { team, members, ctx } = await teamWith(["owner", "owner", "owner", "owner", "owner"]);
      const names = Object.keys(members);
      const acts = names.flatMap((actor, i) =>
        names
          .filter((target) => target !== actor)
          .map((target) => {
            const remove = change === "remove" || (change === "both" && i % 2 === 0);
            const as = ctx(actor, "owner");
            return remove ? removeMember(as, members[target]!.membershipId) : changeMemberRole(as, members[target]!.membershipId, "admin");
          }),
      );
      const outcomes = await Promise.allSettled(acts);
      expect(
        outcomes.some((o) => o.status === "fulfilled"),
        change,
      ).toBe(true);
      for (const o of outcomes) {
        if (o.status === "rejected") expect(String(o.reason), change).toMatch(/at least one owner|Only an owner|No member with that id|no longer a member/);
      }
      expect(await db.membership.count({ where: { teamId: team.id, role: "owner" } }), change).toBeGreaterThanOrEqual(1);
    }
  });

  it("ends the sessions of someone removed from their last team, not of someone still in another", async () => {
    const a = await teamWith(["viewer", "reviewer"]);
    const b = await teamWith([]);
    await db.membership.create({ data: { userId: a.members.reviewer!.userId, teamId: b.team.id, role: "viewer" } });
    const onlyHere = await startUserSession(a.members.viewer!.userId);
    const alsoElsewhere = await startUserSession(a.members.reviewer!.userId);
    await removeMember(a.ctx("owner", "owner"), a.members.viewer!.membershipId);
    await removeMember(a.ctx("owner", "owner"), a.members.reviewer!.membershipId);
    expect(await liveSessionUser(onlyHere)).toBeNull();
    expect(await liveSessionUser(alsoElsewhere)).not.toBeNull();
  });
});
