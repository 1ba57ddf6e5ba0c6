import { describe, expect, it } from "vitest";
import { doWork, runPython, startCompatLab } from "./compat-support";

/**
 * Compatibility: psiTurk 3's calls (psiturk/amt_services.py), in its shapes, from a separate
 * boto3 process given HITdesk's endpoint by mode and one key pair from its config. Among them
 * RejectAssignment with RequesterFeedback='', which psiTurk always sends.
 */
describe("psiTurk", { timeout: 240_000 }, () => {
  it("checks the balance, launches a HIT, lists and reviews its work, bonuses, extends and expires it", async () => {
    const lab = await startCompatLab();
    try {
      const env = { HITDESK_URL: lab.base, HITDESK_KEY_ID: lab.keys.accessKeyId, HITDESK_SECRET: lab.keys.secretAccessKey, PSITURK_MODE: "sandbox" };
      const launch = await runPython<{ balance: string; hit: string }>("psiturk_patterns.py", ["launch"], env);
      expect(launch.balance).toBe("10000.00");

      // Two participants finish the study (the approval-rate and locale qualifications let new workers in).
      const approved = await doWork(launch.hit);
      const rejected = await doWork(launch.hit);

      const review = await runPython<Record<string, unknown>>("psiturk_patterns.py", ["review", launch.hit, approved.assignmentId, rejected.assignmentId], env);
      expect(review).toMatchObject({
        listed: [launch.hit],
        submitted: [approved.assignmentId, rejected.assignmentId].sort(),
        rejected: { status: "Rejected" },
        by_status: { Submitted: 0, Approved: 1, Rejected: 1 },
        unrejected: "Approved",
        bonuses: ["0.50"],
        extended: { max: 5, minutes: 30 },
        expired: "Reviewable", // expired with no assignment in progress
        qualification_types: 0,
        // The sandbox balance stays at $10,000.00 whatever is spent, as on MTurk.
        balance: "10000.00",
      });

      // The same key at the live endpoint (psiTurk's `mode live`) reaches the production account: nothing deposited yet.
      const live = await runPython<{ balance: string; hit: string }>("psiturk_patterns.py", ["launch"], { ...env, PSITURK_MODE: "live" });
      expect(live.balance).toBe("0.00");
      expect(live.hit).not.toBe(launch.hit);
    } finally {
      await lab.close();
    }
  });
});
