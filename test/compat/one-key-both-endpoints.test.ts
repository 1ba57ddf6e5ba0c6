import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { CreateHITCommand, GetAccountBalanceCommand, ListHITsCommand, MTurkClient } from "@aws-sdk/client-mturk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/marketplace/admin";
import { serveMarketplace } from "@/lib/marketplace/node-server";
import { provisionRequester } from "@/lib/marketplace/requesters";

/**
 * Compatibility: research tools keep one key pair and switch environments by endpoint
 * (psiTurk by mode, Mephisto by requester). A team's API key must work at both endpoints,
 * each call landing in the environment its endpoint names, as on AWS.
 */
let base: string;
let server: Awaited<ReturnType<typeof serveMarketplace>>["server"];
let keys: { accessKeyId: string; secretAccessKey: string };

beforeAll(async () => {
  const started = await serveMarketplace();
  server = started.server;
  base = `http://127.0.0.1:${started.port}`;
  const owner = `compat-${randomBytes(6).toString("hex")}`;
  await provisionRequester(owner, "sandbox", "Compat lab");
  await provisionRequester(owner, "production", "Compat lab");
  const { key, secretAccessKey } = await createApiKey(owner, { name: "Study server", environment: null });
  keys = { accessKeyId: key.accessKeyId, secretAccessKey };
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("one key pair for both endpoints", () => {
  it("boto3, switched by mode as psiTurk does, and pointed by AWS_ENDPOINT_URL_MTURK as Mephisto's live client is", async () => {
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        "python3",
        [path.join("test", "compat", "one_key_both_endpoints.py")],
        { env: { NODE_ENV: "test", PATH: process.env.PATH, HITDESK_URL: base, HITDESK_KEY_ID: keys.accessKeyId, HITDESK_SECRET: keys.secretAccessKey }, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr }),
      );
    });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { balances: string[]; hit: string; sandbox_lists: string[]; live_lists: string[]; env_endpoint: string; env_sees_hit: boolean };
    expect(out.balances).toEqual(["10000.00", "0.00"]);
    expect(out.sandbox_lists).toEqual([out.hit]);
    expect(out.live_lists).toEqual([]);
    expect(out.env_endpoint).toBe(`${base}/api/mturk/sandbox`);
    expect(out.env_sees_hit).toBe(true);
  });

  it("the JavaScript SDK, one client per endpoint with the same credentials", async () => {
    const client = (environment: string) => new MTurkClient({ endpoint: `${base}/api/mturk/${environment}`, region: "us-east-1", credentials: keys });
    const sandbox = client("sandbox");
    const production = client("production");
    expect((await sandbox.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe("10000.00");
    expect((await production.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe("0.00");
    const { HIT } = await sandbox.send(
      new CreateHITCommand({
        Title: "Sandbox only",
        Description: "Made at the sandbox endpoint",
        Reward: "0.05",
        LifetimeInSeconds: 3600,
        AssignmentDurationInSeconds: 300,
        Question: `<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd"><ExternalURL>https://study.example.org/pub</ExternalURL><FrameHeight>600</FrameHeight></ExternalQuestion>`,
      }),
    );
    expect((await sandbox.send(new ListHITsCommand({}))).HITs?.map((h) => h.HITId)).toContain(HIT!.HITId);
    expect((await production.send(new ListHITsCommand({}))).HITs ?? []).toEqual([]);
    sandbox.destroy();
    production.destroy();
  });
});
