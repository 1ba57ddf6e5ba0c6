import { db } from "@/lib/db";
import { entityId } from "@/lib/marketplace/ids";
import { buildQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { htmlQuestionXml } from "@/lib/mturk-formats/placeholders";
import type { QueueCase } from "./measure-queue";

/**
 * A busy requester's account in the built-in marketplace, written straight into its tables with
 * the counters its operations keep: 20 worked batches of 500 HITs (10 assignments each, all
 * submitted and waiting for review: 100,000) and 2 fresh batches of 1,000 HITs nobody took yet.
 * Batches are of 4 HIT types with auto-approval delays of 1 to 14 days, created over the last
 * week; work arrived over up to two days after each batch was published, so the queue's time
 * filters match some rows, not all or none. 1,000 workers, a few of them doing much of the work.
 */
export const SEED = { workedBatches: 20, hitsPerWorkedBatch: 500, assignmentsPerHit: 10, freshBatches: 2, hitsPerFreshBatch: 1_000, workers: 1_000 } as const;
export const SEEDED_HITS = SEED.workedBatches * SEED.hitsPerWorkedBatch + SEED.freshBatches * SEED.hitsPerFreshBatch;
export const SEEDED_ASSIGNMENTS = SEED.workedBatches * SEED.hitsPerWorkedBatch * SEED.assignmentsPerHit;
export const HITS_WITH_WORK = SEED.workedBatches * SEED.hitsPerWorkedBatch;

const HOUR = 3_600_000;
const TYPES = [
  { title: "Classify the sentiment of a sentence", autoApprovalHours: 24, rewardCents: 5 },
  { title: "Transcribe a receipt", autoApprovalHours: 72, rewardCents: 40 },
  { title: "Tag the objects in an image", autoApprovalHours: 168, rewardCents: 12 },
  { title: "Short survey about shopping", autoApprovalHours: 336, rewardCents: 80 },
];

export interface SeededAccount {
  hitTypeIds: string[];
  titles: string[];
  /** A worker id as the seed names them (0 ≤ n < SEED.workers); low numbers did the most work. */
  workerId(n: number): string;
}

export const seedWorkerId = (n: number) => `AW${String(n).padStart(12, "0")}`;

export async function seedAccount(requesterId: string, now = new Date()): Promise<SeededAccount> {
  const question = htmlQuestionXml("<p>Benchmark task</p><input name='answer'>", 400);
  const types = [];
  for (const t of TYPES) {
    types.push(
      await db.mkHitType.create({
        data: {
          id: entityId(),
          requesterId,
          title: t.title,
          description: "Benchmark HIT",
          rewardCents: t.rewardCents,
          assignmentDurationSec: 600,
          autoApprovalDelaySec: t.autoApprovalHours * 3600,
          fingerprint: `bench-${t.title}`,
        },
      }),
    );
  }
  await db.$executeRaw`
    INSERT INTO mk_worker (id, "displayName")
    SELECT 'AW' || lpad(g::text, 12, '0'), 'Bench worker ' || g FROM generate_series(0, ${SEED.workers - 1}) g
    ON CONFLICT DO NOTHING`;
  const answers = ["positive", "negative", "neutral", "mixed feelings about it"].map((text) => buildQuestionFormAnswers([{ questionIdentifier: "answer", value: { freeText: text } }]));

  const batches = SEED.workedBatches + SEED.freshBatches;
  for (let b = 0; b < batches; b++) {
    const worked = b < SEED.workedBatches;
    // Worked batches published 1 to 168 hours ago, oldest first; the fresh ones in the last hour.
    const ageHours = worked ? 168 - (b * 167) / (SEED.workedBatches - 1) : 0.5;
    const createdAt = new Date(now.getTime() - ageHours * HOUR);
    // Work arrives up to two days after publication, and none of it is auto-approved yet (the
    // sweeper would approve it during the run): the batch's own type if that leaves a window, else
    // the first that does.
    const window = (t: (typeof TYPES)[number]) => ({
      from: Math.max(createdAt.getTime(), now.getTime() - t.autoApprovalHours * HOUR + 10 * 60_000),
      to: Math.min(now.getTime(), createdAt.getTime() + 48 * HOUR),
    });
    const fits = (t: (typeof TYPES)[number]) => window(t).from < window(t).to;
    const i = fits(TYPES[b % TYPES.length]!) ? b % TYPES.length : TYPES.findIndex(fits);
    const type = { ...TYPES[i]!, i };
    const hitType = types[type.i]!;
    const count = worked ? SEED.hitsPerWorkedBatch : SEED.hitsPerFreshBatch;
    const max = worked ? SEED.assignmentsPerHit : 3;
    const hitIds = Array.from({ length: count }, () => entityId());
    await db.mkHit.createMany({
      data: hitIds.map((id) => ({
        id,
        requesterId,
        hitTypeId: hitType.id,
        hitGroupId: hitType.id,
        question,
        questionKind: "HTMLQuestion",
        maxAssignments: max,
        underTenAtCreation: max < 10,
        // Worked: every assignment taken and submitted, none decided (Reviewable, as settleHitInTx leaves it).
        status: worked ? "Reviewable" : "Assignable",
        assignmentsAvailable: worked ? 0 : max,
        assignmentsSubmitted: worked ? max : 0,
        expiresAt: new Date(createdAt.getTime() + 14 * 24 * HOUR),
        createdAt,
        title: hitType.title,
        description: hitType.description,
        rewardCents: hitType.rewardCents,
        assignmentDurationSec: hitType.assignmentDurationSec,
        autoApprovalDelaySec: hitType.autoApprovalDelaySec,
      })),
    });
    if (!worked) continue;
    // Each worker at most once per HIT: a skewed first worker, the rest 101 apart.
    const { from, to } = window(type);
    await db.$executeRaw`
      INSERT INTO mk_assignment (id, "hitId", "requesterId", "workerId", status, "acceptTime", deadline, "submitTime", "autoApprovalTime", answer)
      SELECT upper(substr(md5(id || ':' || g), 1, 30)), id, "requesterId", 'AW' || lpad(((first + g * 101) % ${SEED.workers})::text, 12, '0'),
             'Submitted', t - interval '2 minutes', t + interval '8 minutes', t, t + ${type.autoApprovalHours} * interval '1 hour', answer
      FROM (
        SELECT h.id, h."requesterId", g, floor(${SEED.workers} * (abs(hashtext(h.id)) / 2147483648.0) ^ 3)::int AS first,
               ${new Date(from)}::timestamp + random() * (${new Date(to)}::timestamp - ${new Date(from)}::timestamp) AS t,
               (${answers}::text[])[1 + floor(random() * 4)::int] AS answer
        FROM mk_hit h CROSS JOIN generate_series(0, ${max - 1}) g
        WHERE h.id = ANY(${hitIds})) s`;
  }
  await db.$executeRawUnsafe("ANALYZE mk_hit, mk_assignment, mk_worker");
  return { hitTypeIds: types.map((t) => t.id), titles: TYPES.map((t) => t.title), workerId: seedWorkerId };
}

/** The review-queue filters reviewers use, with values that match part of the seeded account. */
export const queueCases = (seeded: SeededAccount): QueueCase[] => [
  { name: "none", filter: {} },
  { name: "by HIT", filter: { group: "hit" } },
  { name: "by worker", filter: { group: "worker" }, deep: true },
  { name: "a busy worker", filter: { workerId: seeded.workerId(0) } },
  { name: "a worker", filter: { workerId: seeded.workerId(SEED.workers - 7) } },
  { name: "HIT type", filter: { hit: seeded.hitTypeIds[1]! } },
  { name: "title words", filter: { hit: "receipt" } },
  { name: "due within 6 h", filter: { dueWithinHours: 6 } },
  { name: "due within 6 h, by HIT", filter: { dueWithinHours: 6, group: "hit" } },
  { name: "older than 12 h", filter: { olderThanHours: 12 }, deep: true },
  { name: "older than 12 h, by worker", filter: { olderThanHours: 12, group: "worker" } },
  { name: "answer text", filter: { answer: "mixed feelings" } },
  { name: "answer text, no match", filter: { answer: "no such answer" } },
];
