/**
 * `npm run bench:batch`: how close batch creation comes to the marketplace's rate limit. A
 * 2,000-row batch goes through startBatch and the durable job runner against the built-in
 * marketplace limited to R requests/s (one CreateHIT per HIT), then a second batch with 10% of
 * requests answered by a ServiceFault, which must still end with exactly 2,000 HITs.
 * Postgres: DATABASE_URL if set (a fresh database on that server), else the embedded database
 * in memory. Ends with one JSON line.
 */
import { openBenchDatabase } from "./bench-database";
import { randomBytes } from "node:crypto";

const ROWS = 2_000;
// `npm run bench:batch -- --rate 20`: a limit below what the marketplace itself sustains on this
// machine, so the figure measures HITdesk's runner rather than the marketplace's own speed.
const rateArg = process.argv.indexOf("--rate");
const RATE_LIMIT = rateArg > 0 ? Number(process.argv[rateArg + 1]) : 50;
if (!(RATE_LIMIT > 0)) throw new Error("--rate takes a number of requests per second");
const FAULT_RATE = 0.1;

const benchDb = await openBenchDatabase();

const { db } = await import("@/lib/db");
const { encryptSecret } = await import("@/lib/crypto");
const { serveMarketplace } = await import("@/lib/marketplace/node-server");
const { provisionRequester } = await import("@/lib/marketplace/requesters");
const { setRequesterFaults } = await import("@/lib/marketplace/faults");
const { createUser } = await import("@/lib/users/create-user");
const { createTeam } = await import("@/lib/teams/create-team");
const { createProject } = await import("@/lib/projects/projects");
const { findTemplate } = await import("@/lib/projects/templates");
const { BatchInput } = await import("@/lib/batches/batch-input");
const { startBatch } = await import("@/lib/batches/create-batch");
const { batchCreateHandler } = await import("@/lib/batches/batch-job");
const { runJobsOnce } = await import("@/lib/jobs/run-jobs");

let requests = 0;
const { server, port } = await serveMarketplace({ onHandled: () => requests++ });

// A team whose sandbox connection is this marketplace, as in Settings → "Other MTurk-compatible endpoint".
const tag = randomBytes(4).toString("hex");
const email = `bench-${tag}@example.com`;
const user = await createUser({ email, password: `bench-password-${tag}`, name: "Bench" });
const team = await createTeam({ name: `Bench ${tag}`, ownerUserId: user.id });
const keys = await provisionRequester(`bench-${tag}`, "sandbox", "Bench");
await db.marketplaceConnection.update({
  where: { teamId_environment: { teamId: team.id, environment: "sandbox" } },
  data: { kind: "custom", endpoint: `http://127.0.0.1:${port}/api/mturk/sandbox`, accessKeyId: keys.accessKeyId, secretCiphertext: encryptSecret(keys.secretAccessKey) },
});
const row = await db.team.findUniqueOrThrow({ where: { id: team.id } });
const ctx = {
  user: { id: user.id, email, name: "Bench", environment: "sandbox" as const, activeTeamId: team.id },
  team: { id: row.id, slug: row.slug, name: row.name, reviewerBonusLimitCents: row.reviewerBonusLimitCents },
  role: "owner" as const,
  environment: "sandbox" as const,
  teams: [{ id: row.id, slug: row.slug, name: row.name, role: "owner" as const }],
};
const design = { ...findTemplate("sentiment")!.design, reward: "0.01", assignmentsPerHit: 1 };
const { id: projectId } = await createProject(ctx, { name: "Bench", design });
const csv = "text\n" + Array.from({ length: ROWS }, (_, i) => `Benchmark review number ${i + 1}`).join("\n") + "\n";

async function run(label: string, serviceFaultRate: number) {
  await setRequesterFaults(keys.requesterId, {});
  const { batchId } = await startBatch(ctx, BatchInput.parse({ projectId, name: label, csv }));
  await setRequesterFaults(keys.requesterId, { rateLimitPerSecond: RATE_LIMIT, burst: RATE_LIMIT, serviceFaultRate });
  // The faults configuration is cached for 2 s in the marketplace: let the new one take hold.
  await new Promise((r) => setTimeout(r, 2_100));
  requests = 0;
  const started = performance.now();
  await runJobsOnce({ [batchCreateHandler.kind]: batchCreateHandler }, { runnerId: `bench-${tag}`, teamId: ctx.team.id });
  const seconds = (performance.now() - started) / 1000;
  const job = await db.job.findFirstOrThrow({ where: { subjectId: batchId }, select: { status: true, done: true, failed: true, lastError: true } });
  const hitsCreated = await db.mkHit.count({ where: { requesterId: keys.requesterId, requesterAnnotation: { startsWith: `hitdesk:batch=${batchId};` } } });
  const recorded = await db.batchHit.count({ where: { batchId } });
  const hitsPerSecond = hitsCreated / seconds;
  const result = {
    seconds: Math.round(seconds * 10) / 10,
    hits_per_s: Math.round(hitsPerSecond * 10) / 10,
    ratio: Math.round((hitsPerSecond / RATE_LIMIT) * 1000) / 1000,
    hits_created: hitsCreated,
    recorded,
    requests,
    job,
  };
  console.log(
    `${label.padEnd(22)} ${hitsCreated} HITs in ${result.seconds} s = ${result.hits_per_s} HITs/s (limit ${RATE_LIMIT}/s, ratio ${result.ratio}); ${requests} requests; job ${job.status}, ${job.done} done, ${job.failed} failed${job.lastError ? ` (${job.lastError})` : ""}`,
  );
  return result;
}

console.log(`${ROWS}-row batch, marketplace limited to ${RATE_LIMIT} requests/s, database: ${benchDb.kind === "postgres" ? "Postgres server" : "embedded"}`);
const clean = await run("no faults", 0);
const faulty = await run(`${FAULT_RATE * 100}% ServiceFaults`, FAULT_RATE);

server.close();
await db.$disconnect();
await benchDb.close();
console.log(
  JSON.stringify({
    bench: "batch",
    rows: ROWS,
    rate_limit: RATE_LIMIT,
    database: benchDb.kind,
    seconds: clean.seconds,
    hits_per_s: clean.hits_per_s,
    ratio: clean.ratio,
    requests: clean.requests,
    fault_rate: FAULT_RATE,
    fault_seconds: faulty.seconds,
    fault_hits_per_s: faulty.hits_per_s,
    fault_ratio: faulty.ratio,
    fault_requests: faulty.requests,
    hits_created: faulty.hits_created,
    expected: ROWS,
  }),
);
process.exit(faulty.hits_created === ROWS && clean.hits_created === ROWS ? 0 : 1);
