import { spawnSync } from "node:child_process";
import { ApproveAssignmentCommand, CreateHITCommand, GetAccountBalanceCommand, GetHITCommand, ListHITsCommand, MTurkClient, SendBonusCommand } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import { expect, login, test } from "./support/fixtures";
import { shellExports, startFreshServer } from "./support/server";
import { provisionRequester } from "@/lib/marketplace/requesters";
import { acceptHit } from "@/lib/marketplace/work/accept-hit";
import { submitAssignment } from "@/lib/marketplace/work/submit-assignment";
import { createWorker } from "@/lib/marketplace/work/workers";
import { buildQuestionFormAnswers } from "@/lib/mturk-formats/answers";

test("the built-in sandbox starts with $10,000.00 and production with what owners deposit", async ({ page, team, baseURL }) => {
  await login(page, team.users.owner);
  await expect(page.getByTestId("balance")).toHaveText("$10,000.00");
  await expect(page.getByTestId("sandbox-spend")).toHaveText("Sandbox: $10,000.00 test balance · $0.00 spent");

  // As on MTurk, the sandbox balance stays at $10,000.00 when money is spent; the overview shows the spend from the ledger.
  const keys = await provisionRequester(team.id, "sandbox", team.name);
  const client = new MTurkClient({ endpoint: `${baseURL}/api/mturk/sandbox`, region: "us-east-1", credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey } });
  const { HIT } = await client.send(
    new CreateHITCommand({
      Title: "Paid in the sandbox",
      Description: "Approved and bonused",
      Reward: "0.50",
      LifetimeInSeconds: 3600,
      AssignmentDurationInSeconds: 300,
      Question: `<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd"><ExternalURL>https://example.com/task</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>`,
    }),
  );
  const worker = (await createWorker({ displayName: "Balance worker" })).id;
  const assignment = await acceptHit({ workerId: worker, hitId: HIT!.HITId! });
  await submitAssignment({ assignmentId: assignment.id, workerId: worker, answerXml: buildQuestionFormAnswers([{ questionIdentifier: "answer", value: { freeText: "done" } }]) });
  await client.send(new ApproveAssignmentCommand({ AssignmentId: assignment.id }));
  await client.send(new SendBonusCommand({ WorkerId: worker, AssignmentId: assignment.id, BonusAmount: "1.00", Reason: "Thanks" }));
  expect((await client.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe("10000.00");
  client.destroy();
  await page.reload();
  await expect(page.getByTestId("balance")).toHaveText("$10,000.00");
  // $0.50 reward + $0.10 fee, $1.00 bonus + $0.20 fee.
  await expect(page.getByTestId("sandbox-spend")).toHaveText("Sandbox: $10,000.00 test balance · $1.80 spent");
  await expect(page.getByTestId("record-deposit-link")).toHaveCount(0);

  await page.goto("/settings");
  const sandbox = page.getByTestId("connection-sandbox");
  await sandbox.getByRole("button", { name: "Test connection" }).click();
  await expect(sandbox.getByRole("status")).toHaveText("Connected. Available balance $10,000.00.");

  // Production starts at $0.00, and the overview says how to fund it.
  await page.request.post("/api/me/environment", { data: { environment: "production" } });
  await page.goto("/");
  await expect(page.getByTestId("balance")).toHaveText("$0.00");
  await page.getByRole("link", { name: "Fund production work: record a deposit →" }).click();
  await expect(page).toHaveURL(/\/settings#record-deposit$/);
  const production = page.getByTestId("connection-production");
  await production.getByLabel("Amount (USD)").fill("12.345");
  await production.getByRole("button", { name: "Record deposit" }).click();
  await expect(production.getByRole("alert")).toContainText("Amount: dollars with at most two decimals");
  await production.getByLabel("Amount (USD)").fill("250.00");
  await production.getByLabel("Note").fill("Pilot study");
  await production.getByRole("button", { name: "Record deposit" }).click();
  await expect(production.getByText("Deposit recorded.")).toBeVisible();
  await production.getByRole("button", { name: "Test connection" }).click();
  await expect(production.getByRole("status").filter({ hasText: "Connected" })).toHaveText("Connected. Available balance $250.00.");
  await page.goto("/");
  await expect(page.getByTestId("balance")).toHaveText("$250.00");
  await expect(page.getByTestId("record-deposit-link")).toHaveText("Record a deposit →");

  const audit = await db.auditLog.findFirst({ where: { teamId: team.id, action: "marketplace.deposit" } });
  expect(audit?.environment).toBe("production");
  expect(audit?.actorEmail).toBe(team.users.owner.email);
});

test("keys printed by the CLI drive the JavaScript SDK against the running server", async ({ team, baseURL }) => {
  const slug = (await db.team.findUniqueOrThrow({ where: { id: team.id } })).slug;
  const out = spawnSync("npm", ["run", "-s", "cli", "--", "keys", "--env", "sandbox", "--team", slug], { encoding: "utf8", env: { ...process.env, HITDESK_URL: baseURL } });
  expect(out.status, out.stderr).toBe(0);
  const vars = shellExports(out.stdout);
  expect(vars.HITDESK_MTURK_ENDPOINT).toBe(`${baseURL}/api/mturk/sandbox`);

  for (const endpoint of [vars.HITDESK_MTURK_ENDPOINT!, `${vars.HITDESK_MTURK_ENDPOINT}/`]) {
    const client = new MTurkClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: vars.AWS_ACCESS_KEY_ID!, secretAccessKey: vars.AWS_SECRET_ACCESS_KEY! } });
    expect((await client.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe("10000.00");
    const { HIT } = await client.send(
      new CreateHITCommand({
        Title: "Label one image",
        Description: "Pick the category that fits the photo",
        Reward: "0.05",
        LifetimeInSeconds: 3600,
        AssignmentDurationInSeconds: 300,
        Question: `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<!DOCTYPE html><html><body><form><input name="label"></form></body></html>]]></HTMLContent><FrameHeight>400</FrameHeight></HTMLQuestion>`,
      }),
    );
    const got = await client.send(new GetHITCommand({ HITId: HIT!.HITId! }));
    expect(got.HIT?.Title).toBe("Label one image");
    expect(got.HIT?.HITStatus).toBe("Assignable");
    client.destroy();
  }
  // The same key pair at the production endpoint reaches the team's production account.
  const production = new MTurkClient({
    endpoint: `${baseURL}/api/mturk/production`,
    region: "us-east-1",
    credentials: { accessKeyId: vars.AWS_ACCESS_KEY_ID!, secretAccessKey: vars.AWS_SECRET_ACCESS_KEY! },
  });
  expect((await production.send(new ListHITsCommand({}))).HITs?.map((h) => h.Title)).not.toContain("Label one image");
  production.destroy();
});

test("the built-in marketplace's state survives a restart of the embedded install", async () => {
  // Two fresh embedded installs start one after the other (each migrates and builds its state).
  test.setTimeout(240_000);
  const admin = { HITDESK_ADMIN_EMAIL: "restart@example.com", HITDESK_ADMIN_PASSWORD: "restart-password-1" };
  let server = await startFreshServer(3292, admin);
  const dataDir = server.dataDir;
  try {
    const keys = shellExports((await server.cli("keys", "--env", "sandbox")).stdout);
    const connect = () =>
      new MTurkClient({ endpoint: `${server.url}/api/mturk/sandbox`, region: "us-east-1", credentials: { accessKeyId: keys.AWS_ACCESS_KEY_ID!, secretAccessKey: keys.AWS_SECRET_ACCESS_KEY! } });
    let client = connect();
    const { HIT } = await client.send(
      new CreateHITCommand({
        Title: "Survives restarts",
        Description: "A HIT created before the server stopped",
        Reward: "0.10",
        MaxAssignments: 3,
        LifetimeInSeconds: 86400,
        AssignmentDurationInSeconds: 600,
        Question: `<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd"><ExternalURL>https://example.com/task</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>`,
      }),
    );
    client.destroy();
    await server.stop({ keepData: true });

    server = await startFreshServer(3292, admin, dataDir);
    client = connect();
    const got = await client.send(new GetHITCommand({ HITId: HIT!.HITId! }));
    expect(got.HIT).toMatchObject({ Title: "Survives restarts", MaxAssignments: 3, HITStatus: "Assignable", Reward: "0.10" });
    expect((await client.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe("10000.00");
    client.destroy();
  } finally {
    await server.stop();
  }
});

test("a sync copies the team's HITs from its marketplace into HITdesk's cache", async ({ page, team, baseURL }) => {
  const keys = await provisionRequester(team.id, "sandbox", team.name);
  const client = new MTurkClient({ endpoint: `${baseURL}/api/mturk/sandbox`, region: "us-east-1", credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey } });
  await client.send(
    new CreateHITCommand({
      Title: "Synced HIT",
      Description: "Appears in the cache after a sync",
      Reward: "0.05",
      LifetimeInSeconds: 3600,
      AssignmentDurationInSeconds: 300,
      Question: `<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd"><ExternalURL>https://example.com/t</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>`,
    }),
  );
  client.destroy();
  await login(page, team.users.viewer);
  const res = await page.request.post("/api/sync", { data: {} });
  expect(res.status()).toBe(200);
  // Signing in opens a page whose stale cache may already have synced this HIT, so how many HITs
  // this call found changed depends on timing (test/sync counts changes); the cache must hold it.
  expect(await res.json()).toMatchObject({ skipped: false, hits: 1 });
  expect(await db.cachedHit.findMany({ where: { teamId: team.id, environment: "sandbox" }, select: { title: true } })).toEqual([{ title: "Synced HIT" }]);
  const status = await (await page.request.get("/api/sync")).json();
  expect(status).toMatchObject({ running: false, lastError: null });
});
