import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CreateHITCommand } from "@aws-sdk/client-mturk";
import { db } from "@/lib/db";
import { advanceClock, requesterNow } from "@/lib/marketplace/clock";
import { findRequesterId } from "@/lib/marketplace/requesters";
import { ensureSimulatedWorkers } from "@/lib/marketplace/simulation/run-workforce";
import { updateWorkforceSettings } from "@/lib/marketplace/simulation/workforce-settings";
import { syncAccount } from "@/lib/sync/sync-account";
import { expect, login, test } from "./support/fixtures";
import { teamSdk } from "./support/hits-seed";

/**
 * A psiTurk-style study server on loopback and a team's sandbox HITs pointing at it: the
 * server's own simulated workers open the pages, and each HIT's page says how that went.
 */
const externalQuestion = (url: string) =>
  `<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd"><ExternalURL>${url}</ExternalURL><FrameHeight>600</FrameHeight></ExternalQuestion>`;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

test("the HIT page shows whether simulated workers could open its ExternalQuestion page", async ({ page, team, baseURL }) => {
  const seen: URL[] = [];
  const study = createServer((req, res) => {
    seen.push(new URL(req.url!, "http://study"));
    res.writeHead(200, { "content-type": "text/html" }).end("<p>Consent</p>");
  });
  const studyPort = await listen(study);
  // A port nothing listens on any more: the study server that "crashed".
  const gone = createServer();
  const gonePort = await listen(gone);
  await new Promise((resolve) => gone.close(resolve));

  const client = await teamSdk(team, baseURL!);
  const create = (title: string, url: string) =>
    client.send(
      new CreateHITCommand({ Title: title, Description: "A study on its own server", Reward: "0.50", LifetimeInSeconds: 86_400, AssignmentDurationInSeconds: 3600, Question: externalQuestion(url) }),
    );
  const working = (await create("Study that works", `http://127.0.0.1:${studyPort}/ad`)).HIT!.HITId!;
  const broken = (await create("Study that is down", `http://127.0.0.1:${gonePort}/ad`)).HIT!.HITId!;
  await syncAccount({ teamId: team.id, environment: "sandbox", client });

  // Two simulated workers who neither return nor abandon; the server's background loop runs them.
  const requesterId = (await findRequesterId(team.id, "sandbox"))!;
  await updateWorkforceSettings(requesterId, { workers: 2, paceMs: 200, paused: true, seed: 5 });
  for (const w of await ensureSimulatedWorkers(requesterId)) {
    await db.mkWorker.update({ where: { id: w.id }, data: { simulationProfile: { ...w.profile, returnRate: 0, abandonRate: 0 } } });
  }
  await updateWorkforceSettings(requesterId, { paused: false });
  // Both accept, and their work falls due: the requester's test clock moves to the later plan.
  await expect.poll(() => db.mkSimulatedTask.count({ where: { requesterId } }), { timeout: 30_000 }).toBe(2);
  const latest = await db.mkSimulatedTask.findFirstOrThrow({ where: { requesterId }, orderBy: { dueAt: "desc" } });
  await advanceClock(requesterId, (latest.dueAt.getTime() - (await requesterNow(requesterId)).getTime()) / 1000 + 1);
  await expect.poll(() => db.mkSimulatedVisit.count({ where: { requesterId } }), { timeout: 30_000 }).toBe(2);
  await updateWorkforceSettings(requesterId, { paused: true });

  expect(seen.map((u) => [u.pathname, u.searchParams.get("hitId")])).toEqual([["/ad", working]]);
  await new Promise((resolve) => study.close(resolve));

  await login(page, team.users.viewer);
  await page.goto(`/hits/${working}`);
  await expect(page.getByTestId("external-page-visit")).toHaveText(/^Last opened on 127\.0\.0\.1 at .+ UTC \(HTTP 200\)\.$/);
  await page.goto(`/hits/${broken}`);
  await expect(page.getByTestId("external-page-visit")).toContainText(`Could not open the page on 127.0.0.1 at`);
  await expect(page.getByTestId("external-page-visit")).toContainText(`connect ECONNREFUSED 127.0.0.1:${gonePort}. Simulated workers return the HIT instead of submitting.`);
  await page.screenshot({ path: "test-results/hit-external-visit.png", fullPage: true });

  await page.goto("/settings");
  await expect(page.getByTestId("workforce-external-hosts")).toHaveText("localhost, 127.0.0.1, ::1");
});
