/**
 * `npm run bench:review [-- --rate=R]`: approves 5,000 submitted assignments through the
 * review job (lib/review/send-decision.ts, the same code the server runs) with the built-in
 * marketplace limiting the requester to R requests per second (default 50). Reports the
 * throughput against R (target ≥ 90%) and checks in the marketplace's own ledger that every
 * assignment was paid exactly once. Then times the review queue's pages, filter by filter, over
 * 100,000 submitted assignments of bench/seed-account.ts, cached by a first sync. Postgres: DATABASE_URL if set (a fresh database on that
 * server, dropped afterwards), else the embedded database in memory. Ends with one JSON line.
 */
import { openBenchDatabase } from "./bench-database";
import { randomBytes } from "node:crypto";
import { MTurkClient } from "@aws-sdk/client-mturk";

const ASSIGNMENTS = 5_000;
const PER_HIT = 9;
const rateArg = process.argv.find((a) => a.startsWith("--rate="));
const RATE = rateArg ? Number(rateArg.slice("--rate=".length)) : 50;
if (!(RATE > 0)) throw new Error("--rate must be a positive number of requests per second");

const benchDb = await openBenchDatabase();

const { db } = await import("@/lib/db");
const { encryptSecret } = await import("@/lib/crypto");
const { entityId } = await import("@/lib/marketplace/ids");
const { serveMarketplace } = await import("@/lib/marketplace/node-server");
const { provisionRequester } = await import("@/lib/marketplace/requesters");
const { setRequesterFaults } = await import("@/lib/marketplace/faults");
const { htmlQuestionXml } = await import("@/lib/mturk-formats/placeholders");
const { buildQuestionFormAnswers } = await import("@/lib/mturk-formats/answers");
const { runJobsOnce } = await import("@/lib/jobs/run-jobs");
const { decideJobHandler } = await import("@/lib/review/send-decision");
const { decideAssignments } = await import("@/lib/review/decide-assignments");
const { syncTeam } = await import("@/lib/sync/sync-team");
const { createTeam } = await import("@/lib/teams/create-team");
const { createUser } = await import("@/lib/users/create-user");

let requests = 0;
const { server, port } = await serveMarketplace({ onHandled: () => requests++ });
const endpoint = `http://127.0.0.1:${port}/api/mturk/sandbox`;

// A team whose sandbox connection is this marketplace's requester, reached through the SDK.
const tag = randomBytes(4).toString("hex");
const owner = await createUser({ email: `bench-${tag}@example.com`, password: "bench-password-123", name: "Bench" });
const team = await createTeam({ name: `Bench ${tag}`, ownerUserId: owner.id });
const keys = await provisionRequester(`bench-${tag}`, "sandbox", "Benchmark");
await db.marketplaceConnection.update({
  where: { teamId_environment: { teamId: team.id, environment: "sandbox" } },
  data: { kind: "custom", endpoint, accessKeyId: keys.accessKeyId, secretCiphertext: encryptSecret(keys.secretAccessKey) },
});

console.log(`Seeding ${ASSIGNMENTS} submitted assignments...`);
const seedStarted = Date.now();
const question = htmlQuestionXml("<p>Benchmark task</p><input name='answer'>", 400);
const type = await db.mkHitType.create({
  data: {
    id: entityId(),
    requesterId: keys.requesterId,
    title: "Bench review",
    description: "Benchmark HIT",
    rewardCents: 5,
    assignmentDurationSec: 300,
    autoApprovalDelaySec: 86400,
    fingerprint: "bench",
  },
});
const now = new Date();
const answer = buildQuestionFormAnswers([{ questionIdentifier: "answer", value: { freeText: "ok" } }]);
const workers = Array.from({ length: 200 }, () => ({ id: "A" + entityId().slice(0, 13), displayName: "Bench worker" }));
await db.mkWorker.createMany({ data: workers });
for (let made = 0, batch = 0; made < ASSIGNMENTS; batch++) {
  const hits = [];
  const assignments = [];
  for (let h = 0; h < 100 && made < ASSIGNMENTS; h++) {
    const count = Math.min(PER_HIT, ASSIGNMENTS - made);
    const hitId = entityId();
    // Counters as the marketplace keeps them: every assignment taken and submitted.
    hits.push({
      id: hitId,
      requesterId: keys.requesterId,
      hitTypeId: type.id,
      hitGroupId: type.id,
      question,
      questionKind: "HTMLQuestion",
      maxAssignments: count,
      underTenAtCreation: true,
      assignmentsAvailable: 0,
      assignmentsSubmitted: count,
      expiresAt: new Date(now.getTime() + 86_400_000),
      createdAt: now,
      title: "Bench review",
      description: "Benchmark HIT",
      rewardCents: 5,
      assignmentDurationSec: 300,
      autoApprovalDelaySec: 86400,
    });
    for (let a = 0; a < count; a++, made++) {
      assignments.push({
        id: entityId(),
        hitId,
        requesterId: keys.requesterId,
        workerId: workers[made % workers.length]!.id,
        status: "Submitted",
        acceptTime: new Date(now.getTime() - 120_000),
        deadline: new Date(now.getTime() + 180_000),
        submitTime: new Date(now.getTime() - 60_000 + made),
        autoApprovalTime: new Date(now.getTime() + 86_400_000),
        answer,
      });
    }
  }
  await db.mkHit.createMany({ data: hits });
  await db.mkAssignment.createMany({ data: assignments });
}
const sync = await syncTeam(team.id, "sandbox");
console.log(`Seeded and synced in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s (${sync.calls} sync calls, ${sync.assignments} assignments cached)`);

await setRequesterFaults(keys.requesterId, { rateLimitPerSecond: RATE });
const reviewer = await db.user.findUniqueOrThrow({ where: { id: owner.id }, select: { id: true, email: true } });
const ctx = {
  user: { id: reviewer.id, email: reviewer.email, name: "Bench", environment: "sandbox" as const, activeTeamId: team.id },
  team: { id: team.id, slug: team.slug, name: `Bench ${tag}`, reviewerBonusLimitCents: 500 },
  role: "owner" as const,
  environment: "sandbox" as const,
  teams: [],
};

requests = 0;
const started = Date.now();
const result = await decideAssignments(ctx, { action: "approve", filter: { group: "none" } });
if (result.confirmRequired || !result.jobId) throw new Error("The bulk approval was not queued");
console.log(`Approving ${result.decisions.length} assignments at a limit of ${RATE} req/s...`);
const progress = setInterval(() => {
  void db.job.findUnique({ where: { id: result.jobId! }, select: { done: true, failed: true } }).then((j) => {
    const s = (Date.now() - started) / 1000;
    console.log(`  ${s.toFixed(0).padStart(4)} s  ${j?.done} done  ${j?.failed} failed  ${(j!.done / s).toFixed(1)} approvals/s  ${requests} requests`);
  });
}, 10_000);
// As the server's runner does: poll until the job is over (a runner that lost the job to a
// database error leaves it for the next claim once its lease runs out).
for (;;) {
  await runJobsOnce({ [decideJobHandler.kind]: decideJobHandler });
  const { status } = await db.job.findUniqueOrThrow({ where: { id: result.jobId }, select: { status: true } });
  if (!["queued", "running"].includes(status)) break;
  await new Promise((r) => setTimeout(r, 1_000));
}
clearInterval(progress);
const elapsed = (Date.now() - started) / 1000;

const job = await db.job.findUniqueOrThrow({ where: { id: result.jobId } });
const rewards = await db.$queryRaw<{ paid: number; count: bigint }[]>`
  SELECT paid, count(*) AS count FROM (
    SELECT a.id, (SELECT count(*)::int FROM mk_ledger_entry l WHERE l."requesterId" = a."requesterId" AND l.kind = 'reward' AND l."refId" = a.id) AS paid
    FROM mk_assignment a WHERE a."requesterId" = ${keys.requesterId}) t
  GROUP BY paid`;
const paidBy = new Map(rewards.map((r) => [r.paid, Number(r.count)]));
const approved = await db.mkAssignment.count({ where: { requesterId: keys.requesterId, status: "Approved" } });
const ledgerPaid = await db.paymentLedgerEntry.count({ where: { teamId: team.id, kind: "approval", status: "paid" } });
const throttled = requests - ASSIGNMENTS;
const throughput = job.done / elapsed;

// ---- The queue at scale: another team's account of 100,000 submitted assignments (bench/seed-account.ts), copied into the cache by its first sync.
const { seedAccount, queueCases, SEEDED_ASSIGNMENTS } = await import("./seed-account");
const { measureQueue, describeCases, p95ByCase } = await import("./measure-queue");
const { syncAccount } = await import("@/lib/sync/sync-account");
const { InProcessMturkApi } = await import("@/lib/marketplace/admin");
const queueKeys = await provisionRequester(`bench-queue-${tag}`, "sandbox", "Queue benchmark");
const queueTeam = await createTeam({ name: `Bench queue ${tag}`, ownerUserId: owner.id });
const seeded = await seedAccount(queueKeys.requesterId);
const queueClient = new MTurkClient({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: queueKeys.accessKeyId, secretAccessKey: queueKeys.secretAccessKey },
  requestHandler: new InProcessMturkApi(),
});
const queueSync = await syncAccount({ teamId: queueTeam.id, environment: "sandbox", client: queueClient, qualifications: "never" });
queueClient.destroy();
if (queueSync.assignments !== SEEDED_ASSIGNMENTS) throw new Error(`The queue's sync cached ${queueSync.assignments} assignments`);
// What autovacuum does after a bulk insert (see bench/sync.ts).
await db.$executeRawUnsafe(`VACUUM ANALYZE "CachedHit", "CachedAssignment"`);
const queue = await measureQueue({ teamId: queueTeam.id, environment: "sandbox" }, queueCases(seeded));

server.close();
await db.$disconnect();
await benchDb.close();

console.log(`Approved ${approved} of ${ASSIGNMENTS} in ${elapsed.toFixed(1)} s: ${throughput.toFixed(1)} approvals/s at a limit of ${RATE} req/s (${((throughput / RATE) * 100).toFixed(1)}%)`);
console.log(`Marketplace requests ${requests} (${throttled} beyond one per approval: throttled or retried); job items failed ${job.failed}`);
console.log(
  `Paid once: ${paidBy.get(1) ?? 0}, never: ${paidBy.get(0) ?? 0}, more than once: ${[...paidBy].filter(([p]) => p > 1).reduce((s, [, c]) => s + c, 0)}; HITdesk ledger rows paid: ${ledgerPaid}`,
);
console.log(`Review queue at ${SEEDED_ASSIGNMENTS.toLocaleString("en-US")} submitted assignments: p50 ${queue.p50} ms, p95 ${queue.p95} ms (1,300 pages of 50 with a count, 10 at once), by filter:`);
console.log(describeCases(queue, "  "));
console.log(
  JSON.stringify({
    bench: "review",
    rate_limit: RATE,
    ratio: Math.round((throughput / RATE) * 1000) / 1000,
    approvals_per_s: Math.round(throughput * 10) / 10,
    approved,
    paid_twice: [...paidBy].filter(([p]) => p > 1).reduce((s, [, c]) => s + c, 0),
    paid_never: paidBy.get(0) ?? 0,
    ledger_paid: ledgerPaid,
    failed: job.failed,
    elapsed_s: Math.round(elapsed * 10) / 10,
    marketplace_requests: requests,
    queue_assignments: SEEDED_ASSIGNMENTS,
    queue_p50_ms: queue.p50,
    queue_p95_ms: queue.p95,
    queue_p95_ms_by_filter: p95ByCase(queue),
    database: benchDb.kind,
  }),
);
