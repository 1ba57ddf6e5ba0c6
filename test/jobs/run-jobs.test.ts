import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { controlJob } from "@/lib/jobs/job-control";
import { registerJobHandlers } from "@/lib/jobs/job-registry";
import { JOB_ACTIONS, PermanentItemError, type JobActor, type JobHandler } from "@/lib/jobs/job-types";
import { jobView } from "@/lib/jobs/job-view";
import { runJobsOnce } from "@/lib/jobs/run-jobs";
import { MturkError } from "@/lib/mturk/errors";

// Each test uses its own kind, so runners of different tests never take each other's jobs.
function recordingHandler(kind: string, process: (input: { n: number }, seq: number) => unknown, concurrency = 4) {
  const calls: number[] = [];
  const handler: JobHandler = {
    kind,
    concurrency,
    access: { read: "viewer", control: { role: "admin", actions: JOB_ACTIONS } },
    async processItem(_ctx, input, seq) {
      calls.push(seq);
      return await process(input as { n: number }, seq);
    },
  };
  registerJobHandlers(handler);
  return { handler, calls, handlers: { [kind]: handler } };
}

const scope = { teamId: `team-${randomUUID()}`, environment: "sandbox" as const };
const actor = (role: JobActor["role"], environment: JobActor["environment"] = "sandbox") =>
  ({ team: { id: scope.teamId }, user: { id: null, email: "runner@example.com" }, environment, role }) as unknown as JobActor;
const jobProgress = (s: typeof scope, id: string) => jobView(s, id, "owner");
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ n: i }));

describe("durable jobs", () => {
  it("runs every item once, concurrently, recording results and failures", async () => {
    const kind = `square-${randomUUID()}`;
    const { handlers, calls } = recordingHandler(kind, ({ n }) => {
      if (n === 7) throw new PermanentItemError("seven is not allowed");
      return { square: n * n };
    });
    const { id } = await enqueueJob({ ...scope, kind, items: items(450) });
    expect(await runJobsOnce(handlers)).toBe(1);
    expect(calls.sort((a, b) => a - b)).toEqual(items(450).map((i) => i.n));
    expect(await jobProgress(scope, id)).toMatchObject({ status: "succeeded", total: 450, done: 449, failed: 1, lastError: "Item 8: seven is not allowed" });
    expect(await db.jobItem.findUnique({ where: { jobId_seq: { jobId: id, seq: 12 } } })).toMatchObject({ status: "done", result: { square: 144 } });
  });

  it("retries throttling and transient faults with backoff, and gives up on refusals at once", async () => {
    const kind = `flaky-${randomUUID()}`;
    const failures = new Map<number, number>();
    const { handlers, calls } = recordingHandler(kind, (_input, seq) => {
      const seen = failures.get(seq) ?? 0;
      if (seq === 0 && seen < 2) {
        failures.set(seq, seen + 1);
        throw new MturkError("throttled", "slow down");
      }
      if (seq === 1) throw new MturkError("request", "bad parameter");
      return null;
    });
    const { id } = await enqueueJob({ ...scope, kind, items: items(3) });
    await runJobsOnce(handlers);
    expect(calls.filter((s) => s === 0)).toHaveLength(3);
    expect(calls.filter((s) => s === 1)).toHaveLength(1);
    expect(await jobProgress(scope, id)).toMatchObject({ status: "succeeded", done: 2, failed: 1 });
  });

  it("pauses within a second, resumes where it stopped, and never runs an item twice", async () => {
    const kind = `slow-${randomUUID()}`;
    const { handlers, calls } = recordingHandler(kind, () => new Promise((r) => setTimeout(r, 20)), 2);
    const { id } = await enqueueJob({ ...scope, kind, items: items(300) });
    const run = runJobsOnce(handlers);
    await new Promise((r) => setTimeout(r, 600));
    await controlJob(actor("admin"), id, "pause");
    await run;
    const paused = await jobProgress(scope, id);
    expect(paused.status).toBe("paused");
    expect(paused.done).toBeGreaterThan(0);
    expect(paused.done).toBeLessThan(300);
    // Paused jobs are not claimed.
    expect(await runJobsOnce(handlers)).toBe(0);
    await controlJob(actor("admin"), id, "resume");
    await runJobsOnce(handlers);
    expect(await jobProgress(scope, id)).toMatchObject({ status: "succeeded", done: 300 });
    expect(new Set(calls).size).toBe(calls.length);
    await expect(controlJob(actor("admin"), id, "pause")).rejects.toThrow(/succeeded/);
  });

  it("resumes the pending items of a job whose runner died, after its lease expires", async () => {
    const kind = `crash-${randomUUID()}`;
    const { id } = await enqueueJob({ ...scope, kind, items: items(10) });
    // A runner took the job, finished 4 items and died with its lease still running.
    await db.jobItem.updateMany({ where: { jobId: id, seq: { lt: 4 } }, data: { status: "done" } });
    await db.job.update({ where: { id }, data: { status: "running", done: 4, lockedBy: "dead", lockedUntil: new Date(Date.now() + 60_000) } });
    const { handlers, calls } = recordingHandler(kind, () => null);
    expect(await runJobsOnce(handlers)).toBe(0);
    await db.job.update({ where: { id }, data: { lockedUntil: new Date(Date.now() - 1) } });
    expect(await runJobsOnce(handlers)).toBe(1);
    expect(calls.sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(await jobProgress(scope, id)).toMatchObject({ status: "succeeded", done: 10 });
  });

  it("on shutdown finishes the items in flight and hands the job back for the next server at once", async () => {
    const kind = `shutdown-${randomUUID()}`;
    const { handlers, calls } = recordingHandler(kind, () => new Promise((r) => setTimeout(r, 20)), 2);
    const { id } = await enqueueJob({ ...scope, kind, items: items(300) });
    const shutdown = new AbortController();
    const run = runJobsOnce(handlers, { runnerId: "stopping-server", signal: shutdown.signal });
    await new Promise((r) => setTimeout(r, 400));
    shutdown.abort();
    expect(await run).toBe(1);
    const stopped = await db.job.findUniqueOrThrow({ where: { id } });
    expect(stopped).toMatchObject({ status: "running", lockedBy: null, lockedUntil: null });
    expect(stopped.done).toBeGreaterThan(0);
    expect(stopped.done).toBeLessThan(300);
    // Every item that was started was recorded: none is lost, none runs again.
    expect(stopped.done).toBe(calls.length);
    expect(await runJobsOnce(handlers, { runnerId: "next-server" })).toBe(1);
    expect(await jobProgress(scope, id)).toMatchObject({ status: "succeeded", done: 300 });
    expect(new Set(calls).size).toBe(300);
  });

  it("lets concurrent runners share the queue without running a job twice", async () => {
    const kind = `shared-${randomUUID()}`;
    const { handlers, calls } = recordingHandler(kind, () => new Promise((r) => setTimeout(r, 5)));
    const jobs = await Promise.all(Array.from({ length: 6 }, () => enqueueJob({ ...scope, kind, items: items(20) })));
    const ran = await Promise.all([runJobsOnce(handlers), runJobsOnce(handlers), runJobsOnce(handlers)]);
    expect(ran.reduce((a, b) => a + b, 0)).toBe(6);
    expect(calls).toHaveLength(120);
    for (const j of jobs) expect((await jobProgress(scope, j.id)).done).toBe(20);
  });

  it("hides other teams' jobs and refuses impossible transitions", async () => {
    const kind = `scoped-${randomUUID()}`;
    recordingHandler(kind, () => Promise.resolve(null));
    const { id } = await enqueueJob({ ...scope, kind, items: items(1) });
    await expect(jobProgress({ ...scope, teamId: "someone-else" }, id)).rejects.toThrow(/No such job/);
    await expect(controlJob(actor("admin", "production"), id, "cancel")).rejects.toThrow(/No such job/);
    await expect(controlJob(actor("admin"), id, "resume")).rejects.toThrow(/queued/);
    expect(await controlJob(actor("admin"), id, "cancel")).toMatchObject({ status: "cancelled" });
  });
});

describe("JobFinished webhook events", () => {
  it("are queued for a job that ran to the end and for a cancelled one, with its status", async () => {
    const team = await db.team.create({ data: { slug: `jobs-${randomUUID().slice(0, 8)}`, name: "Jobs webhooks" } });
    const own = { teamId: team.id, environment: "sandbox" as const };
    const endpoint = await db.webhookEndpoint.create({ data: { ...own, url: "https://hooks.example.com/x", eventTypes: ["JobFinished"], secretCiphertext: "unused" } });
    const kind = `finished-${randomUUID()}`;
    const { handlers } = recordingHandler(kind, () => Promise.resolve(null));
    const ranJob = await enqueueJob({ ...own, kind, items: items(2) });
    await runJobsOnce(handlers, { teamId: team.id });
    const cancelled = await enqueueJob({ ...own, kind, items: items(3) });
    const owner = { team: { id: team.id }, user: { id: null, email: "runner@example.com" }, environment: "sandbox", role: "admin" } as unknown as JobActor;
    await controlJob(owner, cancelled.id, "cancel");

    const bodies = (await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id, eventType: "JobFinished" } })).map((d) => (JSON.parse(d.body) as { data: Record<string, unknown> }).data);
    expect(bodies).toHaveLength(2);
    expect(bodies.find((d) => d.jobId === ranJob.id)).toMatchObject({ kind, status: "succeeded", total: 2, done: 2, failed: 0 });
    expect(bodies.find((d) => d.jobId === cancelled.id)).toMatchObject({ kind, status: "cancelled", total: 3, done: 0, failed: 0, EventTimestamp: expect.stringMatching(/Z$/) as unknown });
    await db.team.delete({ where: { id: team.id } });
  });
});
