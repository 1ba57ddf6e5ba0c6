import { GetAccountBalanceCommand } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setRequesterFaults } from "@/lib/marketplace/faults";
import { serveMarketplace } from "@/lib/marketplace/node-server";
import { sendMturkPaced } from "@/lib/mturk/send-paced";
import { useHarness } from "../marketplace/harness";
import { reviewTeam } from "../review/review-team";

const { h } = useHarness({ faults: { rateLimitPerSecond: 10, burst: 2 } });

/** `calls` paced calls from `callers` callers at once. */
async function pacedCalls(teamId: string, calls: number, callers: number): Promise<void> {
  let sent = 0;
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (sent < calls) {
        sent++;
        const out = await sendMturkPaced(teamId, "sandbox", new GetAccountBalanceCommand({}));
        expect(out.AvailableBalance).toBe("10000.00");
      }
    }),
  );
}

describe("sendMturkPaced", { timeout: 120_000 }, () => {
  it("finds the rate limit and gets every call through, throttled ones retried at a lower pace", async () => {
    const team = await reviewTeam(h);
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 40 }, () => sendMturkPaced(team.teamId, "sandbox", new GetAccountBalanceCommand({}))));
    const seconds = (Date.now() - started) / 1000;
    expect(results.every((r) => r.AvailableBalance === "10000.00")).toBe(true);
    // 40 calls at 10/s with a burst of 2 take at least 3.8 s (about 5 s on a quiet machine).
    expect(seconds).toBeGreaterThan(3.5);
  });

  it("does not speed up while something else holds the calls back, so it does not flood the limit once they are not", async () => {
    // The marketplace counts every request it answers, throttled ones included.
    let requests = 0;
    const counted = await serveMarketplace({ onHandled: () => requests++ });
    try {
      const team = await reviewTeam(h);
      await db.marketplaceConnection.update({
        where: { teamId_environment: { teamId: team.teamId, environment: "sandbox" } },
        data: { endpoint: `http://127.0.0.1:${counted.port}/api/mturk/sandbox` },
      });
      // A slow spell: two callers on a marketplace answering in 150 ms get about 13 calls a second through.
      await setRequesterFaults(h.requesterId, { latencyMs: 150 });
      await pacedCalls(team.teamId, 60, 2);
      // Then a fast marketplace limited to 10 calls a second, and eight callers.
      await setRequesterFaults(h.requesterId, { rateLimitPerSecond: 10, burst: 2 });
      requests = 0;
      await pacedCalls(team.teamId, 40, 8);
      // Had the slow spell's 60 successes raised the pace to 65 calls a second, most of the next
      // seconds' requests would be throttled (about 170 beyond the 40); a pace near 13 overshoots by 10–20.
      expect(requests - 40).toBeLessThan(50);
    } finally {
      await setRequesterFaults(h.requesterId, { rateLimitPerSecond: 10, burst: 2 });
      counted.server.close();
    }
  });
});
