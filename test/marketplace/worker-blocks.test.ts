import { CreateWorkerBlockCommand, DeleteWorkerBlockCommand, ListWorkerBlocksCommand, paginateListWorkerBlocks } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { acceptHit } from "@/lib/marketplace/work/accept-hit";
import { evaluateWorkerAccess } from "@/lib/marketplace/qualification-requirements";
import { expectValidationError, startHarness, useHarness } from "./harness";

const { h, client } = useHarness();

describe("CreateWorkerBlock", () => {
  it("keeps a blocked worker from seeing or accepting the requester's HITs", async () => {
    const worker = await h.createWorker();
    const hit = await h.createHit({});
    await client.send(new CreateWorkerBlockCommand({ WorkerId: worker, Reason: "Spam answers" }));
    const access = await evaluateWorkerAccess(db, { requesterId: h.requesterId, workerId: worker, environment: h.environment, requirements: [] });
    expect(access).toMatchObject({ blocked: true, discover: false, preview: false, accept: false });
    await expect(acceptHit({ workerId: worker, hitId: hit.HITId! })).rejects.toThrow();
    // Another worker is unaffected.
    await expect(acceptHit({ workerId: await h.createWorker(), hitId: hit.HITId! })).resolves.toBeTruthy();
  });

  it("updates the reason when blocking again", async () => {
    const worker = await h.createWorker();
    await client.send(new CreateWorkerBlockCommand({ WorkerId: worker, Reason: "first" }));
    await client.send(new CreateWorkerBlockCommand({ WorkerId: worker, Reason: "second" }));
    const blocks = await db.mkWorkerBlock.findMany({ where: { requesterId: h.requesterId, workerId: worker } });
    expect(blocks.map((b) => b.reason)).toEqual(["second"]);
  });

  it("accepts any Reason, empty included, as the model does, and refuses a malformed WorkerId", async () => {
    const worker = await h.createWorker();
    await client.send(new CreateWorkerBlockCommand({ WorkerId: worker, Reason: "" }));
    expect(await db.mkWorkerBlock.findMany({ where: { requesterId: h.requesterId, workerId: worker }, select: { reason: true } })).toEqual([{ reason: "" }]);
    await expectValidationError(client.send(new CreateWorkerBlockCommand({ WorkerId: "not-a-worker", Reason: "x" })), /at 'workerId'/);
  });
});

describe("DeleteWorkerBlock", () => {
  it("unblocks, and succeeds for a worker who is not blocked", async () => {
    const worker = await h.createWorker();
    await client.send(new CreateWorkerBlockCommand({ WorkerId: worker, Reason: "oops" }));
    await client.send(new DeleteWorkerBlockCommand({ WorkerId: worker, Reason: "mistake" }));
    const access = await evaluateWorkerAccess(db, { requesterId: h.requesterId, workerId: worker, environment: h.environment, requirements: [] });
    expect(access.blocked).toBe(false);
    await expect(client.send(new DeleteWorkerBlockCommand({ WorkerId: worker }))).resolves.toBeTruthy();
  });
});

describe("ListWorkerBlocks", () => {
  it("lists the caller's blocks with the SDK paginator", async () => {
    const h2 = await startHarness();
    try {
      const workers = [];
      for (let i = 0; i < 5; i++) {
        const w = await h2.createWorker();
        workers.push(w);
        await h2.client.send(new CreateWorkerBlockCommand({ WorkerId: w, Reason: `r${i}` }));
      }
      const pages = [];
      for await (const p of paginateListWorkerBlocks({ client: h2.client, pageSize: 2 }, {})) pages.push(p);
      expect(pages.map((p) => p.NumResults)).toEqual([2, 2, 1, 0]);
      expect(pages.flatMap((p) => p.WorkerBlocks!)).toEqual(workers.map((w, i) => ({ WorkerId: w, Reason: `r${i}` })));
      const first = await h2.client.send(new ListWorkerBlocksCommand({}));
      expect(first.NumResults).toBe(5);
    } finally {
      await h2.close();
    }
  });
});
