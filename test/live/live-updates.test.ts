import { randomBytes, randomUUID } from "node:crypto";
import { CreateHITCommand } from "@aws-sdk/client-mturk";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { LeaderLock } from "@/lib/db/leader-lock";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { forwardPoolNotifications, NotificationListener, processNotifications } from "@/lib/db/notifications";
import { databaseUrl } from "@/lib/db/url";
import { Coalescer } from "@/lib/live/coalesce";
import { onLiveChange, publishLiveChange, type LiveChange } from "@/lib/live/live-changes";
import { liveRefresher, refreshCacheFor } from "@/lib/live/refresh-on-activity";
import { onMarketplaceActivity, type MarketplaceActivity } from "@/lib/marketplace/admin";
import { acceptHit } from "@/lib/marketplace/work/accept-hit";
import { submitAssignment } from "@/lib/marketplace/work/submit-assignment";
import { createWorker } from "@/lib/marketplace/work/workers";
import { buildQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { sendMturk } from "@/lib/mturk/send";
import { createTeam } from "@/lib/teams/create-team";
import { createUser } from "@/lib/users/create-user";
import { HTML_QUESTION } from "../marketplace/harness";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
/** A HITdesk instance's LISTEN connection; several of them in one test are several instances on one Postgres. */
async function instance(): Promise<NotificationListener> {
  const listener = new NotificationListener();
  cleanups.push(() => listener.close());
  await listener.ready();
  return listener;
}

/** The embedded database serves every connection from one session; a Postgres server does not. */
async function oneSession(): Promise<boolean> {
  const pids = await Promise.all(
    [0, 1].map(async () => {
      const client = new pg.Client({ connectionString: databaseUrl() });
      await client.connect();
      try {
        return (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      } finally {
        await client.end();
      }
    }),
  );
  return pids[0] === pids[1];
}

/** Calls until `read` returns something, or fails after `ms`. */
async function eventually<T>(read: () => T | undefined, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error("Nothing arrived in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function builtinTeam(): Promise<string> {
  const tag = randomBytes(4).toString("hex");
  const owner = await createUser({ email: `live-${tag}@example.com`, password: "correct horse battery", name: "Owner" });
  return (await createTeam({ name: `Live ${tag}`, ownerUserId: owner.id })).id;
}

async function createHit(teamId: string): Promise<string> {
  const out = await sendMturk(
    teamId,
    "sandbox",
    new CreateHITCommand({ Title: "Live", Description: "Watched", Reward: "0.05", LifetimeInSeconds: 3600, AssignmentDurationInSeconds: 300, MaxAssignments: 3, Question: HTML_QUESTION }),
  );
  return out.HIT!.HITId!;
}

async function submitWork(hitId: string): Promise<string> {
  const workerId = (await createWorker({ displayName: "Live worker" })).id;
  const assignment = await acceptHit({ workerId, hitId });
  await submitAssignment({ assignmentId: assignment.id, workerId, answerXml: buildQuestionFormAnswers([{ questionIdentifier: "answer", value: { freeText: "yes" } }]) });
  return assignment.id;
}

describe("notifications across instances", () => {
  it("reach every instance listening on the database once the transaction commits, and never on rollback", async () => {
    // On the embedded database they come back on the committing connection instead (tested below).
    if (await oneSession()) return;
    const [a, b] = [await instance(), await instance()];
    const channel = `test_${randomUUID().replaceAll("-", "")}`;
    const heard: string[] = [];
    cleanups.push(
      a.listen(channel, (p) => heard.push(`a:${p}`)),
      b.listen(channel, (p) => heard.push(`b:${p}`)),
    );
    await Promise.all([a.ready(), b.ready()]);

    await db
      .$transaction(async (tx) => {
        await tx.$executeRaw`SELECT pg_notify(${channel}, 'rolled back')`;
        throw new Error("abandon");
      })
      .catch(() => undefined);
    await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_notify(${channel}, 'committed')`;
      // Not yet: the transaction is still open.
      await new Promise((r) => setTimeout(r, 200));
      expect(heard).toEqual([]);
    });
    await eventually(() => (heard.length === 2 ? heard : undefined));
    expect(heard.sort()).toEqual(["a:committed", "b:committed"]);
  });

  it("a listener whose connection is cut listens again and hears what is sent after", async () => {
    // The embedded database has one session for all: ending it would end every connection (see below for its own test).
    if (await oneSession()) return;
    const a = await instance();
    const channel = `test_${randomUUID().replaceAll("-", "")}`;
    const heard: string[] = [];
    cleanups.push(a.listen(channel, (p) => heard.push(p)));
    await a.ready();
    // As if the network dropped it: Postgres ends the listening session.
    const admin = new pg.Client({ connectionString: databaseUrl() });
    await admin.connect();
    cleanups.push(() => admin.end());
    const listening = "SELECT pid FROM pg_stat_activity WHERE application_name = 'hitdesk listen'";
    const cut = (await admin.query<{ pid: number }>(listening)).rows.map((r) => r.pid);
    expect(cut.length).toBeGreaterThan(0);
    await admin.query("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [cut]);
    while ((await admin.query("SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1::int[])", [cut])).rowCount) await new Promise((r) => setTimeout(r, 20));
    const until = Date.now() + 10_000;
    while (!heard.includes("after") && Date.now() < until) {
      await db.$executeRaw`SELECT pg_notify(${channel}, 'after')`;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(heard).toContain("after");
  });
});

describe("notifications on the embedded database", { timeout: 60_000 }, () => {
  it("come back on the connection that committed them, and reach the process's listener through its pool", async () => {
    const embedded = await startEmbeddedDatabase(undefined);
    cleanups.push(() => embedded.stop());
    const listener = new NotificationListener(() => embedded.url);
    cleanups.push(() => listener.close());
    const channel = `test_${randomUUID().replaceAll("-", "")}`;
    const heard: string[] = [];
    cleanups.push(listener.listen(channel, (p) => heard.push(p)));
    await listener.ready();
    const pool = new pg.Pool({ connectionString: embedded.url, max: 2 });
    cleanups.push(() => pool.end());
    forwardPoolNotifications(pool, () => listener);

    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_notify($1, 'rolled back')", [channel]);
      await client.query("ROLLBACK");
      await client.query("BEGIN");
      await client.query("SELECT pg_notify($1, 'committed')", [channel]);
      expect(heard).toEqual([]);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    await eventually(() => (heard.length ? heard : undefined));
    expect(heard).toEqual(["committed"]);
  });
});

describe("coalescing bursts", () => {
  afterAll(() => vi.useRealTimers());

  it("hands a burst to one flush once it is quiet, and flushes a steady stream at least every maxWaitMs", async () => {
    vi.useFakeTimers();
    const flushes: { key: string; items: number[]; at: number }[] = [];
    const start = Date.now();
    const c = new Coalescer<number>({ quietMs: 300, maxWaitMs: 1_000, flush: (key, items) => Promise.resolve(void flushes.push({ key, items, at: Date.now() - start })) });
    for (let i = 0; i < 50; i++) c.add("team-a", i);
    c.add("team-b", 99);
    await vi.advanceTimersByTimeAsync(299);
    expect(flushes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(flushes.map((f) => [f.key, f.items.length])).toEqual([
      ["team-a", 50],
      ["team-b", 1],
    ]);

    // An event every 100 ms for 3 s never leaves 300 ms of quiet: it still flushes every second.
    flushes.length = 0;
    for (let i = 0; i < 30; i++) {
      c.add("team-a", i);
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    expect(flushes.length).toBeGreaterThanOrEqual(3);
    expect(flushes.length).toBeLessThanOrEqual(4);
    expect(flushes.flatMap((f) => f.items)).toHaveLength(30);
    vi.useRealTimers();
  });
});

describe("live refresh", { timeout: 60_000 }, () => {
  it("a burst of events heard by two instances refreshes the cache once, by one of them", async () => {
    const name = `live-test-${randomUUID()}`;
    const refreshed: string[][] = [];
    const make = () => {
      const leader = new LeaderLock(name);
      cleanups.push(() => leader.release());
      return liveRefresher({
        leader,
        refresh: (scope, activity) => Promise.resolve(void refreshed.push(activity.map((a) => a.hitId!))),
        publish: () => Promise.resolve(),
      });
    };
    const [a, b] = [make(), make()];
    // The embedded database runs every connection in one session: there, one instance is all there is.
    const embedded = await oneSession();
    for (let i = 0; i < 20; i++) {
      const event: MarketplaceActivity = { ownerRef: "team-x", environment: "sandbox", eventType: "AssignmentSubmitted", hitId: `hit-${i % 5}`, qualificationTypeId: null };
      a(event);
      if (!embedded) b(event);
    }
    await eventually(() => (refreshed.length ? refreshed : undefined));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]).toHaveLength(20);
  });

  it("work submitted on the built-in marketplace is cached and told to every instance's pages within 2 s", async () => {
    const teamId = await builtinTeam();
    const hitId = await createHit(teamId);
    const leader = new LeaderLock(`live-test-${randomUUID()}`);
    cleanups.push(() => leader.release());
    // Instance A hears the marketplace and refreshes; instance B only serves pages.
    cleanups.push(onMarketplaceActivity(liveRefresher({ leader, refresh: refreshCacheFor, publish: publishLiveChange })));
    // On the embedded database this process is the only instance there can be.
    const b = (await oneSession()) ? processNotifications() : await instance();
    const told: LiveChange[] = [];
    cleanups.push(onLiveChange((change) => told.push(change), b));
    await b.ready();

    const started = Date.now();
    const assignmentId = await submitWork(hitId);
    const change = await eventually(() => told.find((c) => c.teamId === teamId && c.hitIds.includes(hitId)));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(change).toMatchObject({ teamId, environment: "sandbox", hitIds: [hitId], qualificationRequests: false });
    // Told after the cache has it: a page refetching now sees the work.
    expect(await db.cachedAssignment.findFirst({ where: { teamId, environment: "sandbox", assignmentId }, select: { status: true } })).toEqual({ status: "Submitted" });
  });

  it("an AWS connection is not refreshed from the built-in marketplace", async () => {
    const teamId = await builtinTeam();
    await db.marketplaceConnection.update({ where: { teamId_environment: { teamId, environment: "sandbox" } }, data: { kind: "aws" } });
    const event: MarketplaceActivity = { ownerRef: teamId, environment: "sandbox", eventType: "AssignmentSubmitted", hitId: "3ANYHIT", qualificationTypeId: null };
    expect(await refreshCacheFor({ teamId, environment: "sandbox" }, [event])).toBeUndefined();
  });
});
