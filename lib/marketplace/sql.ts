import "server-only";
import { sqlPool } from "@/lib/db";
import type { MkAssignment, MkBonusPayment, MkEnvironment, MkHit, Prisma } from "@/lib/generated/prisma/client";

/**
 * The MTurk API's hot paths in plain SQL on lib/db's pool (GetHIT, ListHITs, the access-key
 * lookup, CreateHIT in one statement, the lists a sync reads per HIT): Prisma spends about 2.5 times pg's CPU on the same
 * query. Rows come back in the shapes Prisma returns, so callers and serializers are shared.
 * Statements are unnamed: the embedded database shares one session among all connections, where
 * one connection's named statement would clash with another's.
 */

// pg returns bigint as text; timestamps are parsed as UTC and JSON columns as values (lib/db.ts).
type SeqRow<T> = Omit<T, "seq"> & { seq: string };
const withSeq = <T>(row: SeqRow<T>): T => ({ ...row, seq: BigInt(row.seq) }) as T;
type HitRow = SeqRow<MkHit>;
const toHit = (row: HitRow): MkHit => withSeq<MkHit>(row);
// Timestamps are written as UTC text: a Date would be sent in the process's time zone.
const utc = (d: Date) => d.toISOString();
const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/** The requester's HIT unless deleted (disposed), as GetHIT and liveHit read it. */
export async function selectLiveHit(requesterId: string, hitId: string): Promise<MkHit | undefined> {
  const { rows } = await sqlPool().query<HitRow>({
    text: `SELECT * FROM mk_hit WHERE id = $1 AND "requesterId" = $2 AND "disposedAt" IS NULL`,
    values: [hitId, requesterId],
  });
  return rows[0] && toHit(rows[0]);
}

/** The requester's live HITs after `after` in seq order, at most `take`. */
export async function selectLiveHits(requesterId: string, after: bigint | undefined, take: number): Promise<MkHit[]> {
  const { rows } = await sqlPool().query<HitRow>({
    text: `SELECT * FROM mk_hit WHERE "requesterId" = $1 AND "disposedAt" IS NULL AND seq > $2 ORDER BY seq LIMIT $3`,
    values: [requesterId, (after ?? -1n).toString(), take],
  });
  return rows.map(toHit);
}

/** An access key's secret and key in one read: undefined when either row is missing. */
export async function selectAccessKey(accessKeyId: string): Promise<
  | {
      keyId: string;
      secretCiphertext: string;
      expiresAt: Date | null;
      ownerRef: string;
      environment: MkEnvironment | null;
      revokedAt: Date | null;
      lastUsedAt: Date | null;
    }
  | undefined
> {
  const { rows } = await sqlPool().query({
    text: `SELECT s."keyId", s."secretCiphertext", s."expiresAt", k."ownerRef", k.environment::text AS environment, k."revokedAt", k."lastUsedAt"
           FROM mk_api_key_secret s JOIN mk_api_key k ON k.id = s."keyId" WHERE s."accessKeyId" = $1`,
    values: [accessKeyId],
  });
  return rows[0] as Awaited<ReturnType<typeof selectAccessKey>>;
}

export interface HitTypeFields {
  title: string;
  description: string;
  keywords: string | null;
  rewardCents: number;
  assignmentDurationSec: number;
  autoApprovalDelaySec: number;
  qualificationRequirements: Prisma.InputJsonValue;
}

export interface NewHit {
  id: string;
  requesterId: string;
  /** An existing type's id, or a type to find by fingerprint and create if it is missing. */
  type: { id: string; fields: HitTypeFields } | { newId: string; fingerprint: string; fields: HitTypeFields };
  question: string;
  questionKind: string;
  requesterAnnotation: string | null;
  maxAssignments: number;
  expiresAt: Date;
  createdAt: Date;
  assignmentReviewPolicy: unknown;
  hitReviewPolicy: unknown;
  /** UniqueRequestToken: recorded with the HIT, refused (unique violation) if already held. */
  token?: { value: string; requestId: string };
}

/** What insertHit's statement raises when the idempotency token is already held. */
export const TOKEN_CONSTRAINT = "mk_idempotency_token_pkey";

/**
 * CreateHIT in one statement (so atomic without a transaction): the HIT type if new, the
 * token, the HIT and its HITCreated event. Undefined when the type was created by a concurrent
 * call after this statement's snapshot (it then finds it when run again).
 */
export async function insertHit(hit: NewHit): Promise<MkHit | undefined> {
  const f = hit.type.fields;
  const values: unknown[] = [
    hit.requesterId,
    f.title,
    f.description,
    f.keywords,
    f.rewardCents,
    f.assignmentDurationSec,
    f.autoApprovalDelaySec,
    JSON.stringify(f.qualificationRequirements),
    hit.id,
    hit.question,
    hit.questionKind,
    hit.requesterAnnotation,
    hit.maxAssignments,
    hit.maxAssignments < 10,
    utc(hit.expiresAt),
    utc(hit.createdAt),
    json(hit.assignmentReviewPolicy),
    json(hit.hitReviewPolicy),
    hit.token?.value ?? null,
    hit.token?.requestId ?? null,
  ];
  let type: string;
  if ("newId" in hit.type) {
    values.push(hit.type.newId, hit.type.fingerprint, utc(new Date()));
    type = `new_type AS (
        INSERT INTO mk_hit_type (id, "requesterId", fingerprint, title, description, keywords, "rewardCents", "assignmentDurationSec", "autoApprovalDelaySec", "qualificationRequirements", "createdAt")
        VALUES ($21, $1, $22, $2, $3, $4, $5, $6, $7, $8::jsonb, $23)
        ON CONFLICT ("requesterId", fingerprint) DO NOTHING RETURNING id),
      type AS (SELECT id FROM new_type UNION ALL SELECT id FROM mk_hit_type WHERE "requesterId" = $1 AND fingerprint = $22 LIMIT 1)`;
  } else {
    values.push(hit.type.id);
    type = `type AS (SELECT $21::text AS id)`;
  }
  const { rows } = await sqlPool().query<HitRow>({
    text: `WITH ${type},
      token AS (
        INSERT INTO mk_idempotency_token ("requesterId", operation, token, "resultRef", "requestId", "createdAt")
        SELECT $1, 'CreateHIT', $19, $9, $20, $16 FROM type WHERE $19::text IS NOT NULL),
      hit AS (
        INSERT INTO mk_hit (id, "requesterId", "hitTypeId", "hitGroupId", question, "questionKind", "requesterAnnotation", "maxAssignments", "underTenAtCreation",
          "assignmentsAvailable", "expiresAt", "createdAt", "assignmentReviewPolicy", "hitReviewPolicy",
          title, description, keywords, "rewardCents", "assignmentDurationSec", "autoApprovalDelaySec", "qualificationRequirements")
        SELECT $9, $1, type.id, type.id, $10, $11, $12, $13, $14, $13, $15, $16, $17::jsonb, $18::jsonb, $2, $3, $4, $5, $6, $7, $8::jsonb FROM type
        RETURNING *),
      event AS (
        INSERT INTO mk_event ("requesterId", "eventType", "hitTypeId", "hitId", "occurredAt") SELECT $1, 'HITCreated', "hitTypeId", id, $16 FROM hit)
      SELECT * FROM hit`,
    values,
  });
  return rows[0] && toHit(rows[0]);
}

/**
 * A live HIT's assignments in the given statuses after `after` in seq order, at most `take`;
 * undefined when the requester has no such HIT (ListAssignmentsForHIT, a sync's busiest call).
 * One statement: the HIT's existence and its page.
 */
export async function selectHitAssignments(requesterId: string, hitId: string, statuses: string[], after: bigint | undefined, take: number): Promise<MkAssignment[] | undefined> {
  const { rows } = await sqlPool().query<SeqRow<MkAssignment> | { id: null }>({
    text: `SELECT a.* FROM (SELECT id FROM mk_hit WHERE id = $1 AND "requesterId" = $2 AND "disposedAt" IS NULL) h
           LEFT JOIN LATERAL (SELECT * FROM mk_assignment a WHERE a."hitId" = h.id AND a.status = ANY($3::text[]) AND a.seq > $4 ORDER BY a.seq LIMIT $5) a ON true`,
    values: [hitId, requesterId, statuses, (after ?? -1n).toString(), take],
  });
  if (!rows.length) return undefined;
  return rows.filter((r): r is SeqRow<MkAssignment> => r.id !== null).map((r) => withSeq<MkAssignment>(r));
}

/** The requester's bonus payments for a HIT or an assignment after `after` in seq order, at most `take`. */
export async function selectBonusPayments(requesterId: string, of: { hitId: string } | { assignmentId: string }, after: bigint | undefined, take: number): Promise<MkBonusPayment[]> {
  const column = "hitId" in of ? `"hitId"` : `"assignmentId"`;
  const { rows } = await sqlPool().query<SeqRow<MkBonusPayment>>({
    text: `SELECT * FROM mk_bonus_payment WHERE "requesterId" = $1 AND ${column} = $2 AND seq > $3 ORDER BY seq LIMIT $4`,
    values: [requesterId, "hitId" in of ? of.hitId : of.assignmentId, (after ?? -1n).toString(), take],
  });
  return rows.map((r) => withSeq<MkBonusPayment>(r));
}
