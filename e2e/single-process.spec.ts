import { expect, test } from "@playwright/test";
import { listeningProcess, processInfo, processTree } from "../scripts/process-tree";

/**
 * `npm start` serves HITdesk from one node process (scripts/start.ts): Next through its
 * programmatic API and the MTurk API on plain node:http in front of it. These tests look at the
 * server Playwright started with `npm start`.
 */

test("HITdesk runs as one node process below npm: no shell, tsx, next-server or compiler process", ({ baseURL }) => {
  const server = listeningProcess(Number(new URL(baseURL!).port));
  expect(server?.command, "the process listening on HITdesk's port").toMatch(/^\S*node .*scripts\/start\.ts$/);
  expect(
    processTree(server!.pid).map((p) => p.command),
    "nothing runs below it",
  ).toEqual([server!.command]);
  expect(processInfo(server!.parent)?.command, "its parent is npm itself").toMatch(/^npm\b/);
});

test("the MTurk API is answered without Next, with the headers every API answer carries", async ({ request }) => {
  const mturk = await request.post("/api/mturk/sandbox", {
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "MTurkRequesterServiceV20170117.GetAccountBalance" },
    data: "{}",
  });
  expect(mturk.status()).toBe(400);
  expect(((await mturk.json()) as { __type: string }).__type).toBe("MissingAuthenticationTokenException");
  // Next marks every answer of its router as varying by its RSC request headers; the plain path does not.
  const health = await request.get("/api/health");
  expect(health.headers().vary, "Next's mark, on an answer from Next").toContain("rsc");
  expect(mturk.headers().vary, "no Next mark on the MTurk API's answer").toBeUndefined();
  for (const answer of [mturk, health]) {
    expect(answer.headers()).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "strict-origin-when-cross-origin" });
  }
  const preflight = await request.fetch("/api/mturk/production", { method: "OPTIONS", headers: { origin: "https://tool.example" } });
  expect(preflight.status()).toBe(204);
  expect(preflight.headers().vary).toBeUndefined();
  expect(preflight.headers()["access-control-allow-origin"]).toBe("*");
});
