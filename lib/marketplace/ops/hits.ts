import "server-only";
import { createHash } from "node:crypto";
import { DatabaseError } from "pg";
import { db, type Tx } from "@/lib/db";
import { Prisma, type MkHit } from "@/lib/generated/prisma/client";
import type { OperationContext, OperationHandler } from "@/lib/marketplace/context";
import { MturkRequestError, MturkServiceFault } from "@/lib/marketplace/errors";
import { recordEvent } from "@/lib/marketplace/events";
import { entityId } from "@/lib/marketplace/ids";
import { parseAmount } from "@/lib/marketplace/money";
import { pageOf, seqCursor } from "@/lib/marketplace/pagination";
import { validateQualificationRequirements } from "@/lib/marketplace/qualification-requirements";
import { runHitReviewPolicy, validateReviewPolicies } from "@/lib/marketplace/review-policies";
import { serializeHit } from "@/lib/marketplace/serialize";
import { insertHit, selectLiveHit, selectLiveHits, TOKEN_CONSTRAINT, type HitTypeFields, type NewHit } from "@/lib/marketplace/sql";
import { QuestionInvalid, validateQuestion, type QuestionKind } from "@/lib/mturk-formats/question";

/** HITs and HIT types (SPEC §6, §13, §15). */

const DAY_S = 86_400;
const TOKEN_WINDOW_MS = 24 * 3600 * 1000;
const DEFAULT_AUTO_APPROVAL_S = 30 * DAY_S;

const bad = (message: string) => new MturkRequestError("AWS.MechanicalTurk.InvalidParameterValue", message);

/** The Question's kind, or MTurk's XMLParseError. */
function checkedQuestion(xml: string): QuestionKind {
  try {
    return validateQuestion(xml);
  } catch (e) {
    if (e instanceof QuestionInvalid) throw new MturkRequestError("AWS.MechanicalTurk.XMLParseError", e.message);
    throw e;
  }
}

export function hitDoesNotExist(hitId: string): MturkRequestError {
  return new MturkRequestError("AWS.MechanicalTurk.HITDoesNotExist", `Hit ${hitId} does not exist.`);
}

/** Trimmed text within MTurk's documented maximum; empty is allowed, as the model sets no minimum. */
function text(value: string | undefined, field: string, max: number): string | null {
  if (value === undefined) return null;
  const v = value.trim();
  if (v.length > max) throw bad(`${field} is ${v.length} characters; the limit is ${max}`);
  return v;
}

function seconds(value: number | undefined, field: string, min: number, max: number, fallback?: number): number {
  const v = value ?? fallback;
  if (v === undefined) throw bad(`${field} is required`);
  if (!Number.isInteger(v) || v < min || v > max) throw bad(`${field} must be between ${min} and ${max} seconds, got ${v}`);
  return v;
}

interface HitTypeInput {
  Title: string;
  Description: string;
  Keywords?: string;
  Reward: string;
  AssignmentDurationInSeconds: number;
  AutoApprovalDelayInSeconds?: number;
  QualificationRequirements?: unknown[];
}

interface PreparedHitType {
  fields: ReturnType<typeof copyTypeFields>;
  fingerprint: string;
}

/** Checks a HIT type's properties and fingerprints them; writes nothing. */
async function prepareHitType(input: HitTypeInput, ctx: OperationContext): Promise<PreparedHitType> {
  const fields = {
    title: text(input.Title, "Title", 128)!,
    description: text(input.Description, "Description", 2000)!,
    keywords: text(input.Keywords, "Keywords", 1000) || null,
    rewardCents: parseAmount(input.Reward, "Reward"),
    assignmentDurationSec: seconds(input.AssignmentDurationInSeconds, "AssignmentDurationInSeconds", 30, 365 * DAY_S),
    autoApprovalDelaySec: seconds(input.AutoApprovalDelayInSeconds, "AutoApprovalDelayInSeconds", 0, 30 * DAY_S, DEFAULT_AUTO_APPROVAL_S),
    qualificationRequirements: (input.QualificationRequirements ?? []) as Prisma.InputJsonValue[],
  };
  if (fields.rewardCents < 1) throw bad("Reward must be at least 0.01");
  await validateQualificationRequirements(input.QualificationRequirements, ctx.requester.environment);
  return { fields, fingerprint: createHash("sha256").update(JSON.stringify(fields)).digest("hex") };
}

/**
 * The HIT type with these properties, created once per requester and reused after (SPEC §13).
 * Runs inside the caller's transaction, so a CreateHIT that fails leaves no type behind.
 */
async function hitTypeIdIn(client: Tx | typeof db, type: PreparedHitType, ctx: OperationContext): Promise<string> {
  const where = { requesterId_fingerprint: { requesterId: ctx.requester.id, fingerprint: type.fingerprint } };
  const existing = await client.mkHitType.findUnique({ where, select: { id: true } });
  if (existing) return existing.id;
  // ON CONFLICT DO NOTHING: a concurrent call creating the same type must not abort this transaction.
  await client.mkHitType.createMany({ data: [{ id: entityId(), requesterId: ctx.requester.id, fingerprint: type.fingerprint, ...type.fields }], skipDuplicates: true });
  return (await client.mkHitType.findUniqueOrThrow({ where, select: { id: true } })).id;
}

interface HitInput {
  LifetimeInSeconds: number;
  MaxAssignments?: number;
  Question?: string;
  HITLayoutId?: string;
  RequesterAnnotation?: string;
  UniqueRequestToken?: string;
  AssignmentReviewPolicy?: unknown;
  HITReviewPolicy?: unknown;
}

function hitAlreadyExists(hitId: string): MturkRequestError {
  return new MturkRequestError("AWS.MechanicalTurk.HitAlreadyExists", `There is already a HIT with this unique request token: ${hitId}`);
}

/** A live token of this requester (24 h window, by the requester's clock), or undefined. */
async function liveToken(requesterId: string, operation: string, token: string, now: Date) {
  const row = await db.mkIdempotencyToken.findUnique({ where: { requesterId_operation_token: { requesterId, operation, token } } });
  if (row && now.getTime() - row.createdAt.getTime() > TOKEN_WINDOW_MS) {
    await db.mkIdempotencyToken.deleteMany({ where: { requesterId, operation, token, createdAt: row.createdAt } });
    return undefined;
  }
  return row ?? undefined;
}

/** A HIT of an existing type (CreateHITWithHITType), or of a type made with it (CreateHIT). */
type TypeSource = { hitTypeId: string } | { prepared: PreparedHitType };

async function createHitOfType(source: TypeSource, input: HitInput, ctx: OperationContext): Promise<Record<string, unknown>> {
  if (input.HITLayoutId) throw bad("HITLayoutId is not supported: HIT layouts were retired by MTurk; send the Question instead");
  if (!input.Question) throw bad("Question is required (or a HITLayoutId, which HITdesk does not support)");
  const questionKind = checkedQuestion(input.Question);
  const lifetime = seconds(input.LifetimeInSeconds, "LifetimeInSeconds", 30, 365 * DAY_S);
  const maxAssignments = input.MaxAssignments ?? 1;
  if (!Number.isInteger(maxAssignments) || maxAssignments < 1 || maxAssignments > 1_000_000_000) throw bad(`MaxAssignments must be between 1 and 1000000000, got ${maxAssignments}`);
  const annotation = text(input.RequesterAnnotation, "RequesterAnnotation", 255) || null;
  validateReviewPolicies({ AssignmentReviewPolicy: input.AssignmentReviewPolicy, HITReviewPolicy: input.HITReviewPolicy });
  const token = input.UniqueRequestToken;
  // A held token is refused before an unknown HIT type is (with a new type, the statement
  // below finds it held and creates nothing).
  if (token && "hitTypeId" in source) {
    const existing = await liveToken(ctx.requester.id, "CreateHIT", token, ctx.now);
    if (existing) throw hitAlreadyExists(existing.resultRef);
  }
  let type: NewHit["type"];
  if ("hitTypeId" in source) {
    const row = await db.mkHitType.findFirst({ where: { id: source.hitTypeId, requesterId: ctx.requester.id } });
    if (!row) throw new MturkRequestError("AWS.MechanicalTurk.HITTypeDoesNotExist", `HIT type ${source.hitTypeId} does not exist.`);
    type = { id: row.id, fields: copyTypeFields(row) };
  } else {
    type = { newId: entityId(), fingerprint: source.prepared.fingerprint, fields: source.prepared.fields };
  }
  const hit: NewHit = {
    id: entityId(),
    requesterId: ctx.requester.id,
    type,
    question: input.Question,
    questionKind,
    requesterAnnotation: annotation,
    maxAssignments,
    expiresAt: new Date(ctx.now.getTime() + lifetime * 1000),
    createdAt: ctx.now,
    assignmentReviewPolicy: input.AssignmentReviewPolicy,
    hitReviewPolicy: input.HITReviewPolicy,
    token: token ? { value: token, requestId: ctx.requestId } : undefined,
  };
  // A new type created by a concurrent call is missed by the first statement's snapshot; a
  // token held by an expired entry is freed by liveToken. Either way the second try settles it.
  for (let attempt = 0; ; attempt++) {
    try {
      const created = await insertHit(hit);
      if (created) return { HIT: serializeHit(created) };
    } catch (e) {
      if (!(token && e instanceof DatabaseError && e.constraint === TOKEN_CONSTRAINT)) throw e;
      // The token is held: the first call's HIT, unless that entry has expired.
      const winner = await liveToken(ctx.requester.id, "CreateHIT", token, ctx.now);
      if (winner) throw hitAlreadyExists(winner.resultRef);
    }
    if (attempt > 0) throw new MturkServiceFault();
  }
}

function copyTypeFields(type: Omit<HitTypeFields, "qualificationRequirements"> & { qualificationRequirements: Prisma.JsonValue }) {
  return {
    title: type.title,
    description: type.description,
    keywords: type.keywords,
    rewardCents: type.rewardCents,
    assignmentDurationSec: type.assignmentDurationSec,
    autoApprovalDelaySec: type.autoApprovalDelaySec,
    qualificationRequirements: type.qualificationRequirements as Prisma.InputJsonValue,
  };
}

async function liveHit(hitId: string, ctx: OperationContext): Promise<MkHit> {
  const hit = await selectLiveHit(ctx.requester.id, hitId);
  if (!hit) throw hitDoesNotExist(hitId);
  return hit;
}

function invalidHitState(message: string): MturkRequestError {
  return new MturkRequestError("AWS.MechanicalTurk.InvalidHITState", message);
}

/**
 * Ends a HIT's availability at `now` (expiry from the sweep, or UpdateExpirationForHIT with a
 * past time): Reviewable once nobody is still working on it, else when the last one finishes.
 */
export async function expireHitInTx(tx: Tx, hit: MkHit, now: Date): Promise<void> {
  const reviewable = hit.assignmentsPending === 0;
  const expiresAt = hit.expiresAt.getTime() < now.getTime() ? hit.expiresAt : now;
  const moved = await tx.mkHit.updateMany({
    where: { id: hit.id, status: { in: ["Assignable", "Unassignable"] } },
    data: { expiresAt, status: reviewable ? "Reviewable" : "Unassignable" },
  });
  if (moved.count === 0) {
    await tx.mkHit.update({ where: { id: hit.id }, data: { expiresAt } });
    return;
  }
  await recordEvent(tx, { requesterId: hit.requesterId, eventType: "HITExpired", hitTypeId: hit.hitTypeId, hitId: hit.id, at: now });
  if (reviewable) {
    await recordEvent(tx, { requesterId: hit.requesterId, eventType: "HITReviewable", hitTypeId: hit.hitTypeId, hitId: hit.id, at: now });
    await runHitReviewPolicy(tx, hit.id, now);
  }
}

const CreateHITType: OperationHandler = async (raw, ctx) => ({ HITTypeId: await hitTypeIdIn(db, await prepareHitType(raw as HitTypeInput, ctx), ctx) });

const CreateHIT: OperationHandler = async (raw, ctx) => {
  const input = raw as HitTypeInput & HitInput;
  return createHitOfType({ prepared: await prepareHitType(input, ctx) }, input, ctx);
};

const CreateHITWithHITType: OperationHandler = async (raw, ctx) => {
  const input = raw as HitInput & { HITTypeId: string };
  return createHitOfType({ hitTypeId: input.HITTypeId }, input, ctx);
};

const GetHIT: OperationHandler = async (raw, ctx) => ({ HIT: serializeHit(await liveHit((raw as { HITId: string }).HITId, ctx)) });

const ListHITs: OperationHandler = async (raw, ctx) => {
  const { limit, after } = seqCursor(raw as { NextToken?: string; MaxResults?: number });
  const rows = await selectLiveHits(ctx.requester.id, after, limit + 1);
  const page = pageOf(
    rows.map((r) => ({ seq: r.seq, item: serializeHit(r) })),
    limit,
  );
  return { NumResults: page.items.length, HITs: page.items, NextToken: page.nextToken };
};

const ListReviewableHITs: OperationHandler = async (raw, ctx) => {
  const input = raw as { HITTypeId?: string; Status?: "Reviewable" | "Reviewing"; NextToken?: string; MaxResults?: number };
  const { limit, after } = seqCursor(input);
  const rows = await db.mkHit.findMany({
    where: {
      requesterId: ctx.requester.id,
      disposedAt: null,
      status: input.Status ?? "Reviewable",
      ...(input.HITTypeId ? { hitTypeId: input.HITTypeId } : {}),
      ...(after !== undefined ? { seq: { gt: after } } : {}),
    },
    orderBy: { seq: "asc" },
    take: limit + 1,
  });
  const page = pageOf(
    rows.map((r) => ({ seq: r.seq, item: serializeHit(r) })),
    limit,
  );
  return { NumResults: page.items.length, HITs: page.items, NextToken: page.nextToken };
};

const DeleteHIT: OperationHandler = async (raw, ctx) => {
  const hit = await liveHit((raw as { HITId: string }).HITId, ctx);
  await db.$transaction(async (tx) => {
    const moved = await tx.mkHit.updateMany({
      where: { id: hit.id, status: { in: ["Reviewable", "Reviewing"] }, assignmentsSubmitted: 0, assignmentsPending: 0 },
      data: { status: "Disposed", disposedAt: ctx.now },
    });
    if (moved.count === 0) {
      const fresh = await tx.mkHit.findUniqueOrThrow({ where: { id: hit.id } });
      if (fresh.assignmentsSubmitted > 0) {
        throw invalidHitState(`This HIT has ${fresh.assignmentsSubmitted} submitted assignment(s) not yet approved or rejected; decide them before deleting the HIT.`);
      }
      if (fresh.assignmentsPending > 0) throw invalidHitState(`Workers are still working on ${fresh.assignmentsPending} assignment(s) of this HIT; wait until they submit or their time runs out.`);
      throw invalidHitState(`This HIT is ${fresh.status}: only a Reviewable HIT can be deleted. Expire it first (UpdateExpirationForHIT with a time in the past).`);
    }
    await recordEvent(tx, { requesterId: hit.requesterId, eventType: "HITDisposed", hitTypeId: hit.hitTypeId, hitId: hit.id, at: ctx.now });
  });
  return {};
};

const UpdateExpirationForHIT: OperationHandler = async (raw, ctx) => {
  const input = raw as { HITId: string; ExpireAt: number };
  const hit = await liveHit(input.HITId, ctx);
  const expireAt = new Date(input.ExpireAt * 1000);
  await db.$transaction(async (tx) => {
    if (expireAt.getTime() <= ctx.now.getTime()) return expireHitInTx(tx, hit, ctx.now);
    if (expireAt.getTime() < hit.expiresAt.getTime()) {
      throw bad("You cannot shorten the expiration time of a HIT; to end it now, set ExpireAt to a time in the past.");
    }
    const reopen = hit.assignmentsAvailable > 0 && ["Reviewable", "Unassignable", "Assignable"].includes(hit.status);
    await tx.mkHit.update({ where: { id: hit.id }, data: { expiresAt: expireAt, ...(reopen ? { status: "Assignable" } : {}) } });
    await recordEvent(tx, { requesterId: hit.requesterId, eventType: "HITExtended", hitTypeId: hit.hitTypeId, hitId: hit.id, at: ctx.now });
  });
  return {};
};

const UpdateHITReviewStatus: OperationHandler = async (raw, ctx) => {
  const input = raw as { HITId: string; Revert?: boolean };
  const hit = await liveHit(input.HITId, ctx);
  const [from, to] = input.Revert ? ["Reviewing", "Reviewable"] : ["Reviewable", "Reviewing"];
  const moved = await db.mkHit.updateMany({ where: { id: hit.id, status: from }, data: { status: to } });
  if (moved.count === 0) throw invalidHitState(`This operation can be called with a status of: ${from}`);
  return {};
};

const UpdateHITTypeOfHIT: OperationHandler = async (raw, ctx) => {
  const input = raw as { HITId: string; HITTypeId: string };
  const hit = await liveHit(input.HITId, ctx);
  const type = await db.mkHitType.findFirst({ where: { id: input.HITTypeId, requesterId: ctx.requester.id } });
  if (!type) throw new MturkRequestError("AWS.MechanicalTurk.HITTypeDoesNotExist", `HIT type ${input.HITTypeId} does not exist.`);
  await db.mkHit.update({ where: { id: hit.id }, data: { hitTypeId: type.id, hitGroupId: type.id, ...copyTypeFields(type) } });
  return {};
};

const CreateAdditionalAssignmentsForHIT: OperationHandler = async (raw, ctx) => {
  const input = raw as { HITId: string; NumberOfAdditionalAssignments: number; UniqueRequestToken?: string };
  const n = input.NumberOfAdditionalAssignments;
  if (!Number.isInteger(n) || n < 1) throw bad(`NumberOfAdditionalAssignments must be at least 1, got ${n}`);
  const hit = await liveHit(input.HITId, ctx);
  const token = input.UniqueRequestToken;
  const used = (first: { requestId: string | null } | undefined) =>
    new MturkRequestError(
      "AWS.MechanicalTurk.DuplicateRequest",
      `There is already a request with this unique request token: ${token}${first?.requestId ? ` (request ${first.requestId})` : ""} for HIT ${hit.id}; no assignments were added.`,
    );
  if (token) {
    const first = await liveToken(ctx.requester.id, "CreateAdditionalAssignmentsForHIT", token, ctx.now);
    if (first) throw used(first);
  }
  try {
    await db.$transaction(async (tx) => {
      if (token)
        await tx.mkIdempotencyToken.create({
          data: { requesterId: ctx.requester.id, operation: "CreateAdditionalAssignmentsForHIT", token, resultRef: hit.id, requestId: ctx.requestId, createdAt: ctx.now },
        });
      const current = await tx.mkHit.findUniqueOrThrow({ where: { id: hit.id } });
      if (current.underTenAtCreation && current.maxAssignments + n >= 10) {
        throw new MturkRequestError(
          "AWS.MechanicalTurk.InvalidMaximumAssignmentsIncrease",
          `This HIT was created with fewer than 10 assignments (${current.maxAssignments} now) and cannot reach 10 or more; create a new HIT instead.`,
        );
      }
      const open = current.expiresAt.getTime() > ctx.now.getTime();
      const moved = await tx.mkHit.updateMany({
        where: { id: hit.id, maxAssignments: current.maxAssignments },
        data: {
          maxAssignments: { increment: n },
          assignmentsAvailable: { increment: n },
          ...(open && ["Reviewable", "Unassignable", "Assignable"].includes(current.status) ? { status: "Assignable" } : {}),
        },
      });
      if (moved.count !== 1) throw new MturkRequestError("AWS.MechanicalTurk.ConcurrentModification", "The HIT changed while adding assignments; try again.");
      await recordEvent(tx, { requesterId: hit.requesterId, eventType: "HITExtended", hitTypeId: hit.hitTypeId, hitId: hit.id, at: ctx.now });
    });
  } catch (e) {
    if (token && e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw used(await liveToken(ctx.requester.id, "CreateAdditionalAssignmentsForHIT", token, ctx.now));
    }
    throw e;
  }
  return {};
};

export const hitOperations = {
  CreateHIT,
  CreateHITType,
  CreateHITWithHITType,
  GetHIT,
  ListHITs,
  ListReviewableHITs,
  DeleteHIT,
  UpdateExpirationForHIT,
  UpdateHITReviewStatus,
  UpdateHITTypeOfHIT,
  CreateAdditionalAssignmentsForHIT,
} satisfies Record<string, OperationHandler>;
