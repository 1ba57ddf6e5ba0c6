import { randomBytes } from "node:crypto";
import type { Role } from "@/lib/auth/roles";
import type { TeamContext } from "@/lib/auth/session";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import type { JobHandler } from "@/lib/jobs/job-types";
import { runJobsOnce } from "@/lib/jobs/run-jobs";
import { bonusJobHandler } from "@/lib/review/send-bonus";
import { decideJobHandler } from "@/lib/review/send-decision";
import { syncAccount } from "@/lib/sync/sync-account";
import { createTeam } from "@/lib/teams/create-team";
import { createUser } from "@/lib/users/create-user";
import type { Harness } from "../marketplace/harness";

export const REVIEW_HANDLERS: Record<string, JobHandler> = { [decideJobHandler.kind]: decideJobHandler, [bonusJobHandler.kind]: bonusJobHandler };

/** Runs the team's review jobs that are due, as the server's runner would. */
export const runReviewJobs = (teamId: string) => runJobsOnce(REVIEW_HANDLERS, { teamId });

/**
 * A team whose sandbox connection is the harness's requester (a custom endpoint, reached
 * through the real SDK like any other), with a member context per role.
 */
export async function reviewTeam(h: Harness): Promise<{ teamId: string; as(role: Role): Promise<TeamContext>; sync(): Promise<void> }> {
  const tag = randomBytes(4).toString("hex");
  const owner = await createUser({ email: `review-owner-${tag}@example.com`, password: "correct horse battery", name: "Owner" });
  const team = await createTeam({ name: `Review ${tag}`, ownerUserId: owner.id });
  await db.marketplaceConnection.update({
    where: { teamId_environment: { teamId: team.id, environment: "sandbox" } },
    data: { kind: "custom", endpoint: h.endpoint, accessKeyId: h.accessKeyId, secretCiphertext: encryptSecret(h.secretAccessKey) },
  });
  return {
    teamId: team.id,
    async as(role) {
      const email = `review-${role}-${randomBytes(4).toString("hex")}@example.com`;
      const user = await createUser({ email, password: "correct horse battery", name: role });
      await db.membership.create({ data: { userId: user.id, teamId: team.id, role } });
      return {
        user: { id: user.id, email, name: role, environment: "sandbox", activeTeamId: team.id },
        team: { id: team.id, slug: team.slug, name: `Review ${tag}`, reviewerBonusLimitCents: 500 },
        role,
        environment: "sandbox",
        teams: [],
      };
    },
    async sync() {
      await syncAccount({ teamId: team.id, environment: "sandbox", client: h.client, force: true });
    },
  };
}
