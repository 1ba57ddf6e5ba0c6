import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { gettingStarted } from "@/lib/overview/getting-started";
import { gettingStartedHidden, setGettingStartedHidden } from "@/lib/overview/hide-getting-started";
import { createTeam } from "@/lib/teams/create-team";
import { createUser } from "@/lib/users/create-user";

async function newTeam() {
  const tag = randomBytes(4).toString("hex");
  const owner = await createUser({ email: `gs-${tag}@example.com`, password: "test-password-123", name: "Owner" });
  const team = await createTeam({ name: `Getting started ${tag}`, ownerUserId: owner.id });
  return { teamId: team.id, ownerId: owner.id };
}

const ticked = async (teamId: string) => Object.fromEntries((await gettingStarted(teamId)).map((s) => [s.key, s.done]));

describe("getting started", { timeout: 60_000 }, () => {
  it("ticks each step from the team's own data, and only its own", async () => {
    const { teamId, ownerId } = await newTeam();
    const other = await newTeam();
    // A new team: connected to the built-in marketplace in both environments, nothing else.
    expect(await ticked(teamId)).toEqual({ project: false, try: false, "sandbox-batch": false, invite: false, production: false });

    // Everything done in another team ticks nothing here.
    const theirs = await db.project.create({ data: { teamId: other.teamId, name: "Theirs" } });
    await db.batch.create({
      data: { teamId: other.teamId, environment: "sandbox", projectId: theirs.id, projectVersionId: "v", name: "b", columns: [], rowCount: 1, assignmentsPerRow: 1, estimatedCostCents: 0 },
    });
    await db.invite.create({
      data: { teamId: other.teamId, email: "x@example.com", role: "reviewer", tokenHash: randomBytes(16).toString("hex"), createdById: other.ownerId, expiresAt: new Date(Date.now() + 86_400_000) },
    });
    await db.marketplaceConnection.update({ where: { teamId_environment: { teamId: other.teamId, environment: "production" } }, data: { kind: "aws" } });
    expect(Object.values(await ticked(teamId)).some(Boolean)).toBe(false);

    const project = await db.project.create({ data: { teamId, name: "Sentiment" } });
    // A production batch is not the sandbox step.
    const batch = (environment: "sandbox" | "production") =>
      db.batch.create({ data: { teamId, environment, projectId: project.id, projectVersionId: "v", name: "b", columns: [], rowCount: 1, assignmentsPerRow: 1, estimatedCostCents: 0 } });
    await batch("production");
    expect(await ticked(teamId)).toMatchObject({ project: true, "sandbox-batch": false });
    await batch("sandbox");
    expect(await ticked(teamId)).toMatchObject({ "sandbox-batch": true });

    // A trial HIT published but not yet worked is not "tried as a worker"; its submitted assignment is.
    await db.auditLog.create({
      data: { teamId, environment: "sandbox", userId: ownerId, actorEmail: "o@example.com", action: "project.try", target: "Sentiment", detail: { projectId: project.id, hitId: "TRIAL-1" } },
    });
    const assignment = { teamId, environment: "sandbox" as const, assignmentId: "TRIAL-A", hitId: "TRIAL-1", hitTypeId: "T", workerId: "W", syncedAt: new Date() };
    await db.cachedAssignment.create({ data: { ...assignment, status: "Accepted" } });
    expect(await ticked(teamId)).toMatchObject({ try: false });
    // The same HIT id in production, or another HIT's submission, does not count either.
    await db.cachedAssignment.create({ data: { ...assignment, environment: "production", status: "Submitted", submitTime: new Date() } });
    await db.cachedAssignment.create({ data: { ...assignment, assignmentId: "OTHER", hitId: "NOT-A-TRIAL", status: "Submitted", submitTime: new Date() } });
    expect(await ticked(teamId)).toMatchObject({ try: false });
    await db.cachedAssignment.update({
      where: { teamId_environment_assignmentId: { teamId, environment: "sandbox", assignmentId: "TRIAL-A" } },
      data: { status: "Submitted", submitTime: new Date() },
    });
    expect(await ticked(teamId)).toMatchObject({ try: true });

    await db.invite.create({
      data: { teamId, email: "teammate@example.com", role: "reviewer", tokenHash: randomBytes(16).toString("hex"), createdById: ownerId, expiresAt: new Date(Date.now() + 86_400_000) },
    });
    expect(await ticked(teamId)).toMatchObject({ invite: true });

    // Production: funded on the built-in marketplace, or connected to AWS.
    await db.auditLog.create({ data: { teamId, environment: "production", userId: ownerId, actorEmail: "o@example.com", action: "marketplace.deposit", target: "$50.00" } });
    expect(await ticked(teamId)).toEqual({ project: true, try: true, "sandbox-batch": true, invite: true, production: true });
    expect(await ticked(other.teamId)).toEqual({ project: true, try: false, "sandbox-batch": true, invite: true, production: true });
  });

  it("is hidden per member and team, and comes back when asked", async () => {
    const { teamId, ownerId } = await newTeam();
    const other = await newTeam();
    const mate = await createUser({ email: `gs-mate-${randomBytes(4).toString("hex")}@example.com`, password: "test-password-123", name: "Mate" });
    await db.membership.create({ data: { userId: mate.id, teamId, role: "reviewer" } });
    await db.membership.create({ data: { userId: ownerId, teamId: other.teamId, role: "admin" } });
    expect(await gettingStartedHidden(ownerId, teamId)).toBe(false);

    expect(await setGettingStartedHidden(ownerId, teamId, true)).toEqual({ hidden: true });
    expect(await gettingStartedHidden(ownerId, teamId)).toBe(true);
    // The teammate still sees it, and so does the same person in another team.
    expect(await gettingStartedHidden(mate.id, teamId)).toBe(false);
    expect(await gettingStartedHidden(ownerId, other.teamId)).toBe(false);

    await setGettingStartedHidden(ownerId, teamId, false);
    expect(await gettingStartedHidden(ownerId, teamId)).toBe(false);
  });
});
