import { CreateHITCommand, GetAccountBalanceCommand, ListHITsCommand, MTurkClient } from "@aws-sdk/client-mturk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCompatLab, type CompatLab } from "./compat-support";

/**
 * Compatibility: the JavaScript SDK, like boto3 (one-key-both-endpoints), reaches HITdesk with
 * no endpoint in code once AWS_ENDPOINT_URL_MTURK and the key variables are set, which is what
 * `eval "$(npm run -s cli -- keys ...)"` exports.
 */
let lab: CompatLab;
const saved: Record<string, string | undefined> = {};
const VARS = ["AWS_ENDPOINT_URL_MTURK", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION"] as const;

beforeAll(async () => {
  lab = await startCompatLab();
  for (const v of VARS) saved[v] = process.env[v];
});

afterAll(async () => {
  for (const v of VARS) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
  await lab.close();
});

describe("AWS_ENDPOINT_URL_MTURK", () => {
  it("points a JavaScript SDK client built with no endpoint and no credentials at HITdesk", async () => {
    process.env.AWS_ENDPOINT_URL_MTURK = `${lab.base}/api/mturk/sandbox`;
    process.env.AWS_ACCESS_KEY_ID = lab.keys.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = lab.keys.secretAccessKey;
    process.env.AWS_REGION = "us-east-1";
    const client = new MTurkClient({});
    expect((await client.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe("10000.00");
    const { HIT } = await client.send(
      new CreateHITCommand({
        Title: "Found by the environment",
        Description: "Made by a client with no endpoint in code",
        Reward: "0.05",
        LifetimeInSeconds: 3600,
        AssignmentDurationInSeconds: 300,
        Question: `<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd"><ExternalURL>https://study.example.org/env</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>`,
      }),
    );
    const page = await client.send(new ListHITsCommand({}));
    expect(page.HITs?.map((h) => h.HITId)).toEqual([HIT!.HITId]);
    // As on MTurk: the page with the HIT carries a NextToken; the page after it is empty and has none.
    const next = await client.send(new ListHITsCommand({ NextToken: page.NextToken }));
    expect(next).toMatchObject({ NumResults: 0, HITs: [] });
    expect(next.NextToken).toBeUndefined();
    client.destroy();
  });
});
