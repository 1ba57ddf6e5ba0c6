import { GetAccountBalanceCommand, type MTurkClient } from "@aws-sdk/client-mturk";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { JobHandler } from "@/lib/jobs/job-types";
import { runJobsOnce } from "@/lib/jobs/run-jobs";
import { setRequesterFaults } from "@/lib/marketplace/faults";
import { mturkClient, SDK_MAX_ATTEMPTS } from "@/lib/mturk/client";
import { MturkError } from "@/lib/mturk/errors";
import { sendMturk } from "@/lib/mturk/send";
import { useHarness } from "../marketplace/harness";
import { reviewTeam } from "../review/review-team";

const { h } = useHarness();

/** Counts the HTTP requests a client makes: the deserialize step runs once per attempt, inside the SDK's retries. */
function countRequests(client: MTurkClient): { count: number } {
  const counter = { count: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      counter.count++;
      return next(args);
    },
    { step: "deserialize", name: `count-${randomUUID()}` },
  );
  return counter;
}

describe("one retry layer per path", { timeout: 120_000 }, () => {
  it("an interactive call is retried by the SDK alone: a throttled call makes exactly its attempts", async () => {
    const team = await reviewTeam(h);
    const sdk = countRequests(await mturkClient(team.teamId, "sandbox"));
    const caller = countRequests(await mturkClient(team.teamId, "sandbox", { retries: "caller" }));
    // One call's worth of burst, then (practically) never another token: every later call is throttled.
    await setRequesterFaults(h.requesterId, { rateLimitPerSecond: 0.001, burst: 1 });
    try {
      await sendMturk(team.teamId, "sandbox", new GetAccountBalanceCommand({}));
      sdk.count = 0;
      const refused = await sendMturk(team.teamId, "sandbox", new GetAccountBalanceCommand({})).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(MturkError);
      expect((refused as MturkError).kind).toBe("throttled");
      expect(sdk.count).toBe(SDK_MAX_ATTEMPTS);
      expect(caller.count).toBe(0);
    } finally {
      await setRequesterFaults(h.requesterId, null);
    }
  });

  it("a job item is retried by the runner alone: each try of the item is one request", async () => {
    const team = await reviewTeam(h);
    const sdk = countRequests(await mturkClient(team.teamId, "sandbox"));
    const caller = countRequests(await mturkClient(team.teamId, "sandbox", { retries: "caller" }));
    let tries = 0;
    const handler: JobHandler = {
      kind: `balance-${randomUUID()}`,
      concurrency: 1,
      access: { read: "viewer" },
      async processItem(ctx) {
        tries++;
        return (await sendMturk(ctx.teamId, ctx.environment, new GetAccountBalanceCommand({}))).AvailableBalance;
      },
    };
    // One call a second: after the burst is spent, the item is throttled until a token comes back.
    await setRequesterFaults(h.requesterId, { rateLimitPerSecond: 1, burst: 1 });
    try {
      await sendMturk(team.teamId, "sandbox", new GetAccountBalanceCommand({}));
      sdk.count = 0;
      await enqueueJob({ teamId: team.teamId, environment: "sandbox", kind: handler.kind, items: [{}] });
      await runJobsOnce({ [handler.kind]: handler }, { teamId: team.teamId });
    } finally {
      await setRequesterFaults(h.requesterId, null);
    }
    expect(tries).toBeGreaterThan(1);
    expect(caller.count).toBe(tries);
    expect(sdk.count).toBe(0);
  });
});
