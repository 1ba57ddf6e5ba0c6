import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ListAssignmentsForHITCommand } from "@aws-sdk/client-mturk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { openExternalQuestion, VISIT_TIMEOUT_MS } from "@/lib/marketplace/simulation/open-external-question";
import { ensureSimulatedWorkers, stepWorkforce } from "@/lib/marketplace/simulation/run-workforce";
import { readExternalPageVisit, updateWorkforceSettings } from "@/lib/marketplace/simulation/workforce-settings";
import { useHarness } from "../marketplace/harness";

/**
 * Simulated workers and ExternalQuestion HITs: on an allowed host a worker opens the page
 * (as psiTurk and Mephisto servers expect a browser to) before submitting; other hosts are
 * never contacted; a page that fails is recorded for the HIT page and the HIT is returned.
 */
const { h, client } = useHarness();

interface StudyServer {
  port: number;
  requests: URL[];
  close(): Promise<void>;
}

/** A stand-in for a psiTurk/Mephisto server on loopback, recording every request. */
async function studyServer(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<StudyServer> {
  const requests: URL[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(new URL(req.url!, "http://loopback"));
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const externalQuestion = (url: string) =>
  `<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd"><ExternalURL>${url.replace(/&/g, "&amp;")}</ExternalURL><FrameHeight>600</FrameHeight></ExternalQuestion>`;

let study: StudyServer;
let other: StudyServer;

beforeAll(async () => {
  study = await studyServer((req, res) => {
    const path = new URL(req.url!, "http://loopback").pathname;
    if (path === "/broken") res.writeHead(500).end("psiTurk crashed");
    else if (path === "/away") res.writeHead(302, { location: `http://localhost:${other.port}/elsewhere` }).end();
    else if (path === "/endless") {
      // A page that never ends: the worker reads a bounded amount and moves on.
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = Buffer.alloc(64 * 1024, "x");
      const pump = () => {
        while (res.write(chunk));
      };
      res.on("drain", pump);
      pump();
    } else if (path === "/silent") {
      // Never answers.
    } else res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Consent form</body></html>");
  });
  other = await studyServer((_req, res) => res.writeHead(200).end("should never be reached"));
  // Loopback by name and by address reach the same machine; only 127.0.0.1 is allowed here.
  await updateWorkforceSettings(h.requesterId, { workers: 1, paused: false, seed: 77, paceMs: 1000, externalHosts: ["127.0.0.1"] });
  for (const w of await ensureSimulatedWorkers(h.requesterId)) {
    await db.mkWorker.update({ where: { id: w.id }, data: { simulationProfile: { ...w.profile, returnRate: 0, abandonRate: 0 } } });
  }
});

afterAll(async () => {
  await study.close();
  await other.close();
});

/** Steps the workforce (a minute of test clock between steps) until the HIT's assignment is settled. */
async function workOn(hitId: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await stepWorkforce(h.requesterId);
    const settled = await db.mkAssignment.findFirst({ where: { hitId, status: { in: ["Submitted", "Returned"] } } });
    if (settled) return;
    await h.advanceClock(60);
  }
  throw new Error(`HIT ${hitId} was not worked on`);
}

describe("simulated workers and ExternalQuestion pages", () => {
  it("open the page on an allowed host with MTurk's parameters before submitting", async () => {
    const hit = await h.createHit({ Question: externalQuestion(`http://127.0.0.1:${study.port}/ad?mode=sandbox`) });
    await workOn(hit.HITId!);

    const [assignment] = (await client.send(new ListAssignmentsForHITCommand({ HITId: hit.HITId }))).Assignments ?? [];
    expect(assignment?.AssignmentStatus).toBe("Submitted");
    const visit = study.requests.find((r) => r.pathname === "/ad");
    expect(visit, "the study server saw the worker").toBeDefined();
    expect(Object.fromEntries(visit!.searchParams)).toMatchObject({ mode: "sandbox", assignmentId: assignment!.AssignmentId, hitId: hit.HITId, workerId: assignment!.WorkerId });
    expect(visit!.searchParams.get("turkSubmitTo")).toMatch(new RegExp(`^${appUrl().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/task/`));
    expect(await readExternalPageVisit(h.requesterId, hit.HITId!)).toMatchObject({ outcome: "opened", host: "127.0.0.1", httpStatus: 200, error: null });
  });

  it("never contact a host that is not allowed, and say so", async () => {
    const hit = await h.createHit({ Question: externalQuestion(`http://localhost:${other.port}/ad`) });
    await workOn(hit.HITId!);
    expect(other.requests).toEqual([]);
    // As before: the completion code is submitted without a visit.
    expect(await db.mkAssignment.count({ where: { hitId: hit.HITId, status: "Submitted" } })).toBe(1);
    expect(await readExternalPageVisit(h.requesterId, hit.HITId!)).toMatchObject({ outcome: "not-allowed", host: "localhost" });
  });

  it("record a failing page for the HIT, and return the HIT instead of submitting", async () => {
    const hit = await h.createHit({ Question: externalQuestion(`http://127.0.0.1:${study.port}/broken`) });
    await workOn(hit.HITId!);
    expect(await db.mkAssignment.count({ where: { hitId: hit.HITId, status: "Returned" } })).toBe(1);
    expect(await readExternalPageVisit(h.requesterId, hit.HITId!)).toMatchObject({ outcome: "failed", host: "127.0.0.1", httpStatus: 500, error: "HTTP 500 Internal Server Error" });
  });
});

describe("opening a page", () => {
  const params = { assignmentId: "A1", hitId: "H1", workerId: "W1", turkSubmitTo: "http://hitdesk.test/task/t" };

  it("follows no redirect to a host that is not allowed", async () => {
    const visit = await openExternalQuestion(`http://127.0.0.1:${study.port}/away`, params, ["127.0.0.1"]);
    expect(visit).toEqual({ outcome: "failed", host: "127.0.0.1", httpStatus: 302, error: "redirected to localhost, which is not an allowed host" });
    expect(other.requests).toEqual([]);
    // Allowed, the redirect is followed.
    expect(await openExternalQuestion(`http://127.0.0.1:${study.port}/away`, params, ["127.0.0.1", "localhost"])).toMatchObject({ outcome: "opened", httpStatus: 200 });
    expect(other.requests.map((r) => r.pathname)).toEqual(["/elsewhere"]);
    other.requests.length = 0;
  });

  it("reads a bounded part of an endless page", async () => {
    expect(await openExternalQuestion(`http://127.0.0.1:${study.port}/endless`, params, ["127.0.0.1"])).toMatchObject({ outcome: "opened", httpStatus: 200 });
  });

  it("gives up on a server that does not answer", { timeout: VISIT_TIMEOUT_MS + 10_000 }, async () => {
    const started = Date.now();
    expect(await openExternalQuestion(`http://127.0.0.1:${study.port}/silent`, params, ["127.0.0.1"])).toEqual({ outcome: "failed", host: "127.0.0.1", error: "no answer within 5 s" });
    expect(Date.now() - started).toBeLessThan(VISIT_TIMEOUT_MS + 2000);
  });

  it("reports a refused connection, and takes IPv6 loopback as listed without brackets", async () => {
    // A port that was just free: nothing listens there.
    const closed = await studyServer(() => undefined);
    await closed.close();
    const visit = await openExternalQuestion(`http://[::1]:${closed.port}/ad`, params, ["::1"]);
    expect(visit).toMatchObject({ outcome: "failed", host: "::1" });
    expect((visit as { error: string }).error).toMatch(/^connect (ECONNREFUSED|EADDRNOTAVAIL) ::1:\d+$/);
  });
});
