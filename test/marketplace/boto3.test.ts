import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startHarness } from "./harness";

describe("boto3", () => {
  it("creates, pages and gets errors exactly as against AWS, with only endpoint_url changed", async () => {
    const h = await startHarness();
    // Asynchronously: the marketplace answers from this very process.
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        "python3",
        [path.join("test", "marketplace", "boto3_flow.py")],
        { env: { NODE_ENV: "test", PATH: process.env.PATH, HITDESK_MTURK_ENDPOINT: h.endpoint, AWS_ACCESS_KEY_ID: h.accessKeyId, AWS_SECRET_ACCESS_KEY: h.secretAccessKey }, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr }),
      );
    });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
    expect(out.balance).toBe("10000.00");
    expect(out.listed).toEqual(out.created);
    expect(out.pages).toBe(4); // 3 + 3 + 1, then the empty page that ends it
    expect(out).toMatchObject({ error_code: "RequestError", turk_error_code: "AWS.MechanicalTurk.HITDoesNotExist", is_request_error: true });
    expect(out.error_message).toMatch(/^Hit NOSUCHHIT0+ does not exist\./);
    await h.close();
  });
});
