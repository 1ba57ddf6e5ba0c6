import { ApproveAssignmentCommand, GetAccountBalanceCommand, ListBonusPaymentsCommand, SendBonusCommand, paginateListBonusPayments } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { recordDeposit, spentCents } from "@/lib/marketplace/ledger";
import { expectRequestError, startHarness, useHarness } from "./harness";

const { h, client } = useHarness();

async function done() {
  const hit = await h.createHit();
  const worker = await h.createWorker();
  const assignmentId = await h.acceptAndSubmit(hit.HITId!, worker);
  return { hit, worker, assignmentId };
}

describe("GetAccountBalance", () => {
  it("starts sandbox at $10,000.00 and production at what was deposited; approvals draw on it", async () => {
    expect(await client.send(new GetAccountBalanceCommand({}))).toMatchObject({ AvailableBalance: "10000.00", OnHoldBalance: "0.00" });
    const prod = await startHarness({ environment: "production" });
    expect((await prod.client.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe("0.00");
    await recordDeposit(prod.requesterId, 2550, "Test deposit", `dep-${prod.requesterId}`);
    const hit = await prod.createHit({ Reward: "1.00" });
    const id = await prod.acceptAndSubmit(hit.HITId!, await prod.createWorker());
    await prod.client.send(new ApproveAssignmentCommand({ AssignmentId: id }));
    // Production's built-in marketplace charges no fee by default.
    expect((await prod.client.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe("24.50");
    await prod.close();
  });

  it("keeps the sandbox at $10,000.00 as MTurk does: spending is recorded in the ledger and never refused", async () => {
    const own = await startHarness();
    const hit = await own.createHit({ Reward: "0.50" });
    const worker = await own.createWorker();
    const id = await own.acceptAndSubmit(hit.HITId!, worker);
    await own.client.send(new ApproveAssignmentCommand({ AssignmentId: id }));
    // Two bonuses that together, with fees, cost more than $10,000: the sandbox never runs out.
    for (const i of [1, 2]) await own.client.send(new SendBonusCommand({ WorkerId: worker, AssignmentId: id, BonusAmount: "9000.00", Reason: `Big ${i}` }));
    expect(await own.client.send(new GetAccountBalanceCommand({}))).toEqual(expect.objectContaining({ AvailableBalance: "10000.00", OnHoldBalance: "0.00" }));
    // $0.50 + 20% fee, then 2 × ($9,000 + 20%).
    expect(await spentCents(own.requesterId)).toBe(60 + 2 * 1_080_000);
    await own.close();
  });
});

describe("SendBonus", () => {
  it("pays the bonus plus the fee and lists it", async () => {
    const { hit, worker, assignmentId } = await done();
    const before = await spentCents(h.requesterId);
    await client.send(new SendBonusCommand({ WorkerId: worker, AssignmentId: assignmentId, BonusAmount: "1.50", Reason: "Great work" }));
    expect((await spentCents(h.requesterId)) - before).toBe(180); // $1.50 + 20%
    const list = await client.send(new ListBonusPaymentsCommand({ HITId: hit.HITId }));
    expect(list.BonusPayments).toEqual([expect.objectContaining({ WorkerId: worker, AssignmentId: assignmentId, BonusAmount: "1.50", Reason: "Great work" })]);
  });

  it("pays once per UniqueRequestToken: any later call with it is refused, naming the first request's ID", async () => {
    const { worker, assignmentId } = await done();
    const send = (amount: string) =>
      client.send(new SendBonusCommand({ WorkerId: worker, AssignmentId: assignmentId, BonusAmount: amount, Reason: "Retry-safe", UniqueRequestToken: `bonus-${assignmentId}` }));
    const first = await send("0.75");
    const firstRequestId = first.$metadata.requestId!;
    expect(firstRequestId).toMatch(/^[0-9a-f-]{36}$/);
    const before = await spentCents(h.requesterId);
    const retry = await expectRequestError(send("0.75"), "AWS.MechanicalTurk.DuplicateRequest", /UniqueRequestToken/);
    expect(retry.message).toContain(firstRequestId);
    expect(retry.message).toContain(`bonus-${assignmentId}`);
    await expectRequestError(send("0.80"), "AWS.MechanicalTurk.DuplicateRequest", new RegExp(`request ${firstRequestId}: a bonus of \\$0.75`));
    expect(await db.mkBonusPayment.count({ where: { assignmentId } })).toBe(1);
    expect(await spentCents(h.requesterId)).toBe(before);
  });

  it("refuses the wrong worker, an unknown assignment, a blank reason and short funds", async () => {
    const { assignmentId } = await done();
    await expectRequestError(client.send(new SendBonusCommand({ WorkerId: await h.createWorker(), AssignmentId: assignmentId, BonusAmount: "1", Reason: "x" })), undefined, /was not done by worker/);
    await expectRequestError(
      client.send(new SendBonusCommand({ WorkerId: "A1234567890123", AssignmentId: "NOSUCH00000000000000000000000A", BonusAmount: "1", Reason: "x" })),
      "AWS.MechanicalTurk.AssignmentDoesNotExist",
    );
    const poor = await startHarness({ environment: "production" });
    await recordDeposit(poor.requesterId, 10, "Ten cents", `dep-${poor.requesterId}`);
    const hit = await poor.createHit({ Reward: "0.05" });
    const w = await poor.createWorker();
    const id = await poor.acceptAndSubmit(hit.HITId!, w);
    await expectRequestError(poor.client.send(new SendBonusCommand({ WorkerId: w, AssignmentId: id, BonusAmount: "5.00", Reason: "Too much" })), "AWS.MechanicalTurk.InsufficientFunds");
    expect(await db.mkBonusPayment.count({ where: { assignmentId: id } })).toBe(0);
    await poor.close();
  });
});

describe("SendBonus with a configured fee schedule", () => {
  it("charges the requester's own commission instead of AWS's", async () => {
    const own = await startHarness();
    await db.mkRequester.update({ where: { id: own.requesterId }, data: { feeSchedule: { commissionPercent: 10, minimumFeeCents: 0 } } });
    const hit = await own.createHit();
    const worker = await own.createWorker();
    const id = await own.acceptAndSubmit(hit.HITId!, worker);
    await own.client.send(new SendBonusCommand({ WorkerId: worker, AssignmentId: id, BonusAmount: "3.00", Reason: "Thanks" }));
    const fee = await db.mkLedgerEntry.findFirstOrThrow({ where: { requesterId: own.requesterId, kind: "bonus_fee" } });
    expect(fee.amountCents).toBe(-30);
    await own.close();
  });
});

describe("ListBonusPayments", () => {
  it("pages by assignment and needs exactly one of HITId and AssignmentId", async () => {
    const { worker, assignmentId } = await done();
    for (let i = 0; i < 5; i++) await client.send(new SendBonusCommand({ WorkerId: worker, AssignmentId: assignmentId, BonusAmount: "0.10", Reason: `Bonus ${i}` }));
    const reasons: string[] = [];
    for await (const p of paginateListBonusPayments({ client, pageSize: 2 }, { AssignmentId: assignmentId })) reasons.push(...p.BonusPayments!.map((b) => b.Reason!));
    expect(reasons).toEqual(["Bonus 0", "Bonus 1", "Bonus 2", "Bonus 3", "Bonus 4"]);
    await expectRequestError(client.send(new ListBonusPaymentsCommand({})), undefined, /exactly one of HITId or AssignmentId/);
  });
});
