import { GetAccountBalanceCommand } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { sendMturkPaced } from "@/lib/mturk/send-paced";
import { useHarness } from "../marketplace/harness";
import { reviewTeam } from "../review/review-team";

const { h } = useHarness({ faults: { rateLimitPerSecond: 10, burst: 2 } });

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
});
