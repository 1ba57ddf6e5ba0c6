import { CreateQualificationTypeCommand } from "@aws-sdk/client-mturk";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { accountBalance } from "@/lib/mturk/balance";
import { listHitsForQualification } from "@/lib/qualifications/list-hits-for-qualification";
import { payBonuses } from "@/lib/review/pay-bonuses";
import { useHarness } from "../marketplace/harness";
import { reviewTeam, runReviewJobs } from "../review/review-team";

/**
 * The dashboard's own reads of what MTurk-compatible marketplaces answer: a NextToken on the
 * last page with results must not read as "more", and the sandbox's fixed $10,000.00 balance
 * comes with what the ledger says was spent.
 */
const { h, client } = useHarness();

describe("the dashboard reading MTurk's answers", { timeout: 120_000 }, () => {
  it("says a qualification is used by more HITs only when HITs past the shown 100 exist", async () => {
    const team = await reviewTeam(h);
    const scope = { teamId: team.teamId, environment: "sandbox" as const };
    const type = await client.send(new CreateQualificationTypeCommand({ Name: `Used ${randomBytes(5).toString("hex")}`, Description: "d", QualificationTypeStatus: "Active" }));
    const typeId = type.QualificationType!.QualificationTypeId!;
    const requirement = [{ QualificationTypeId: typeId, Comparator: "Exists" as const }];
    for (let i = 0; i < 100; i++) await h.createHit({ Title: `Needs it ${i}`, QualificationRequirements: requirement });
    // Exactly 100: the page is full and carries a NextToken, yet nothing follows.
    expect(await listHitsForQualification(scope, typeId)).toMatchObject({ more: false, hits: expect.any(Array) });
    expect((await listHitsForQualification(scope, typeId)).hits).toHaveLength(100);
    await h.createHit({ Title: "The 101st", QualificationRequirements: requirement });
    expect(await listHitsForQualification(scope, typeId)).toMatchObject({ more: true });
  });

  it("shows the sandbox's $10,000.00 with what HITdesk paid there, from its payment ledger", async () => {
    const team = await reviewTeam(h);
    const hit = await h.createHit();
    const workerId = await h.createWorker();
    const assignmentId = await h.acceptAndSubmit(hit.HITId!, workerId);
    await team.sync();
    expect(await accountBalance(team.teamId, "sandbox")).toEqual({ ok: true, availableBalance: "10000.00", sandboxSpent: { cents: 0, source: "hitdesk" } });
    await payBonuses(await team.as("admin"), { assignmentIds: [assignmentId], amount: 75, reason: "Thanks", requestKey: `balance-${randomBytes(4).toString("hex")}` });
    await runReviewJobs(team.teamId);
    // The connection is a custom endpoint: its ledger is not HITdesk's to read, so the spend is what HITdesk paid (no fees).
    expect(await accountBalance(team.teamId, "sandbox")).toEqual({ ok: true, availableBalance: "10000.00", sandboxSpent: { cents: 75, source: "hitdesk" } });
  });
});
