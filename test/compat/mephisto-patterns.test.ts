import { ApproveAssignmentCommand, MTurkClient } from "@aws-sdk/client-mturk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { doWork, runPython, startCompatLab, type CompatLab } from "./compat-support";

/**
 * Compatibility: Mephisto's calls, in the order and shape its MTurk utilities make them, from a
 * separate boto3 process that finds HITdesk through AWS_ENDPOINT_URL_MTURK alone. Its
 * get_outstanding_hits runs at every live launch and in `mturk cleanup`; it reads NextToken
 * from every page that has HITs, so a last page without one crashed it (issue 12).
 */
let lab: CompatLab;
let env: Record<string, string>;

beforeAll(async () => {
  lab = await startCompatLab();
  env = { AWS_ENDPOINT_URL_MTURK: `${lab.base}/api/mturk/sandbox`, AWS_ACCESS_KEY_ID: lab.keys.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.keys.secretAccessKey };
});

afterAll(() => lab.close());

type Out = Record<string, unknown> & { calls: string[] };

describe("Mephisto", { timeout: 240_000 }, () => {
  it("launches, pages its outstanding HITs to the empty page, pays a bonus once, and cleans up", async () => {
    // 105 HITs: more than one page of 100, so the loop follows a NextToken on a full page and on the last one.
    const launch = await runPython<Out & { balance: number; hits: string[]; endpoint: string }>("mephisto_patterns.py", ["launch", "105"], env);
    expect(launch.endpoint).toBe(`${lab.base}/api/mturk/sandbox`);
    expect(launch.balance).toBe(10000);
    expect(launch.hits).toHaveLength(105);

    const outstanding = await runPython<Out & { hits: string[]; types: Record<string, number>; pages: number[] }>("mephisto_patterns.py", ["outstanding"], env);
    expect(outstanding.pages).toEqual([100, 5, 0]);
    expect(outstanding.hits).toEqual(launch.hits);
    expect(Object.values(outstanding.types)).toEqual([105]);
    expect(outstanding.calls).toEqual(["ListHITs", "ListHITs", "ListHITs"]);

    // A worker does one HIT; Mephisto approves it and pays a bonus with a token, and a retry of that call is refused.
    const work = await doWork(launch.hits[0]!);
    const sdk = new MTurkClient({ endpoint: `${lab.base}/api/mturk/sandbox`, region: "us-east-1", credentials: lab.keys });
    await sdk.send(new ApproveAssignmentCommand({ AssignmentId: work.assignmentId }));
    sdk.destroy();
    const bonus = await runPython<Out & { balance_ok: boolean; first_request_id: string; retry: { code: string; message: string }; bonuses: number }>(
      "mephisto_patterns.py",
      ["bonus", work.assignmentId, work.workerId],
      env,
    );
    expect(bonus.balance_ok).toBe(true);
    expect(bonus.retry.code).toBe("RequestError");
    expect(bonus.retry.message).toContain(bonus.first_request_id);
    expect(bonus.bonuses).toBe(1);

    // `mturk cleanup`: the done HIT is deleted at once; the others are expired, then deleted on the next round.
    const cleanup = await runPython<Out & { found: number; rounds: number[]; left: string[]; pages: number[] }>("mephisto_patterns.py", ["cleanup"], env);
    expect(cleanup.found).toBe(105);
    expect(cleanup.rounds).toEqual([104, 0]);
    expect(cleanup.left).toEqual([]);
    expect(cleanup.pages).toEqual([0]);
  });
});
