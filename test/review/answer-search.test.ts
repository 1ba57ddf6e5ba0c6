import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { listReviewQueue, matchingAssignmentIds, queueConditions } from "@/lib/review/list-review-queue";
import { QueueFilter } from "@/lib/review/review-inputs";
import { createTeam } from "@/lib/teams/create-team";
import { createUser } from "@/lib/users/create-user";

/**
 * The queue's answer-text filter on 30,000 cached answers: it finds words anywhere in an
 * answer (wildcards typed by the reviewer are literal), and the database reads the trigram index
 * for it rather than every row.
 */

const ROWS = 30_000;
const HITS = 1000;

async function teamWithAnswers() {
  const tag = randomBytes(4).toString("hex");
  const owner = await createUser({ email: `search-${tag}@example.com`, password: "correct horse battery", name: "Owner" });
  const team = await createTeam({ name: `Search ${tag}`, ownerUserId: owner.id });
  const hitIdOf = (i: number) => `HIT${tag.toUpperCase()}${String(i % HITS).padStart(4, "0")}`;
  const now = new Date();
  await db.cachedHit.createMany({
    data: Array.from({ length: HITS }, (_, i) => ({
      teamId: team.id,
      environment: "sandbox" as const,
      hitId: hitIdOf(i),
      hitTypeId: `TYPE${tag}`,
      title: "Describe the photo",
      description: "Search test",
      rewardCents: 5,
      maxAssignments: ROWS / HITS,
      status: "Reviewable",
      reviewStatus: "NotReviewed",
      assignmentsPending: 0,
      assignmentsAvailable: 0,
      assignmentsCompleted: ROWS / HITS,
      createdAt: now,
      expiresAt: now,
      syncedAt: now,
    })),
  });
  const words = ["a red bicycle by the door", "two cats asleep", "an empty street at night", "a bowl of soup"];
  const special: Record<number, string> = { 4321: "a tangerine on 50% of the plate", 17: "A TANGERINE, peeled", 999: "snake_case tangerine", 6: "Fish &amp; Chips", 10: "<![CDATA[<b>bold</b>]]>" };
  const answer = (i: number) => special[i] ?? `${words[i % words.length]} #${i}`;
  const rows = Array.from({ length: ROWS }, (_, i) => ({
    teamId: team.id,
    environment: "sandbox" as const,
    assignmentId: `${tag}-${String(i).padStart(5, "0")}`,
    hitId: hitIdOf(i),
    hitTypeId: `TYPE${tag}`,
    workerId: `AW${String(i % 300).padStart(10, "0")}`,
    status: "Submitted",
    submitTime: new Date(now.getTime() - (ROWS - i) * 1000),
    answerXml: `<QuestionFormAnswers><Answer><QuestionIdentifier>description</QuestionIdentifier><FreeText>${answer(i)}</FreeText></Answer></QuestionFormAnswers>`,
    answers: { description: answer(i) },
    syncedAt: now,
  }));
  for (let i = 0; i < rows.length; i += 1000) await db.cachedAssignment.createMany({ data: rows.slice(i, i + 1000) });
  await db.$executeRaw`ANALYZE "CachedAssignment"`;
  await db.$executeRaw`ANALYZE "CachedHit"`;
  return { teamId: team.id, tag };
}

describe("answer-text search in the review queue", { timeout: 120_000 }, () => {
  // One queue for both tests: big enough that the planner prefers an index to reading it all.
  let seeded: Promise<{ teamId: string; tag: string }> | undefined;
  const queue = () => (seeded ??= teamWithAnswers());

  it("finds text anywhere in the answers, case-insensitively, with % and _ taken literally", async () => {
    const { teamId, tag } = await queue();
    const scope = { teamId, environment: "sandbox" as const };
    const filter = (answer: string) => QueueFilter.parse({ answer });

    const page = await listReviewQueue(scope, filter("tangerine"), { limit: 50 });
    expect(page.items.map((i) => i.assignmentId).sort()).toEqual([`${tag}-00017`, `${tag}-00999`, `${tag}-04321`]);
    expect(page.total).toBe(3);
    expect(await matchingAssignmentIds(scope, filter("50% of"))).toEqual([`${tag}-04321`]);
    expect(await matchingAssignmentIds(scope, filter("e_c"))).toEqual([`${tag}-00999`]);
    expect(await matchingAssignmentIds(scope, filter("no such words"))).toEqual([]);
    // Every fourth answer, but for the two replaced above (17 and 4321).
    expect(await matchingAssignmentIds(scope, filter("ASLEEP"))).toHaveLength(ROWS / 4 - 2);
    // The XML's tags and question identifiers, which every answer has, match none; its entities
    // read as what they stand for.
    expect(await matchingAssignmentIds(scope, filter("QuestionIdentifier"))).toEqual([]);
    expect(await matchingAssignmentIds(scope, filter("description"))).toEqual([]);
    expect(await matchingAssignmentIds(scope, filter("fish & chips"))).toEqual([`${tag}-00006`]);
    expect(await matchingAssignmentIds(scope, filter("<b>bold</b>"))).toEqual([`${tag}-00010`]);
  });

  it("can read the trigram index, not every cached answer", async () => {
    const { teamId } = await queue();
    const scope = { teamId, environment: "sandbox" as const };
    // The answer filter alone, as the queue writes it: whether the planner prefers the index over
    // the team's other indexes depends on what the suite's other files hold at that moment; what
    // must not regress is that the filter can use it at all (with sequential scans off, a filter
    // written so that it cannot would still be planned as one).
    const base = queueConditions(scope, QueueFilter.parse({})).map((c) => c.sql);
    const [answer] = queueConditions(scope, QueueFilter.parse({ answer: "tangerine" })).filter((c) => !base.includes(c.sql));
    const [, plan] = await db.$transaction([
      db.$executeRaw`SET LOCAL enable_seqscan = off`,
      db.$queryRaw<{ "QUERY PLAN": string }[]>`EXPLAIN SELECT a."assignmentId" FROM "CachedAssignment" a WHERE ${answer!}`,
    ]);
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toContain("CachedAssignment_answerText_trgm_idx");
    expect(text).not.toMatch(/Seq Scan on "CachedAssignment"/);
    const [ext] = await db.$queryRaw<{ extname: string }[]>`SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'`;
    expect(ext?.extname).toBe("pg_trgm");
  });
});
