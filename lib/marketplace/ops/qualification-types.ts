import "server-only";
import type { OperationContext, OperationHandler } from "@/lib/marketplace/context";
import { db } from "@/lib/db";
import type { MkQualificationType, Prisma } from "@/lib/generated/prisma/client";
import { MturkRequestError } from "@/lib/marketplace/errors";
import { entityId } from "@/lib/marketplace/ids";
import { pageOf, seqCursor } from "@/lib/marketplace/pagination";
import { AnswerKeyError, parseAnswerKey } from "@/lib/mturk-formats/answer-key";
import { findLiveQualificationType, requireOwnQualificationType, serializeQualificationType, serializeSystemQualificationType, typeDoesNotExist } from "@/lib/marketplace/qualification-shapes";
import { parseQuestionForm, QuestionFormError } from "@/lib/mturk-formats/question-form";
import { findSystemQualificationType, systemQualificationTypes } from "@/lib/mturk-formats/system-qualifications";

const MAX_XML_BYTES = 65_535;

interface TypeSettings {
  Test?: string;
  AnswerKey?: string;
  TestDurationInSeconds?: number;
  RetryDelayInSeconds?: number;
  AutoGranted?: boolean;
  AutoGrantedValue?: number;
}

const invalid = (message: string) => new MturkRequestError("AWS.MechanicalTurk.InvalidParameterValue", message);

/** The rules tying Test, AnswerKey, TestDurationInSeconds and AutoGranted together (SPEC §6). */
function checkTestSettings(s: TypeSettings): void {
  if (s.RetryDelayInSeconds !== undefined && s.RetryDelayInSeconds < 0) throw invalid("RetryDelayInSeconds must not be negative.");
  if (s.TestDurationInSeconds !== undefined && s.TestDurationInSeconds <= 0) throw invalid("TestDurationInSeconds must be positive.");
  if (s.Test === undefined) {
    if (s.AnswerKey !== undefined) throw invalid("AnswerKey requires a Test.");
    return;
  }
  if (Buffer.byteLength(s.Test, "utf8") > MAX_XML_BYTES) throw invalid(`Test must be at most ${MAX_XML_BYTES} bytes.`);
  if (s.TestDurationInSeconds === undefined) throw invalid("TestDurationInSeconds is required when Test is specified.");
  if (s.AutoGranted) throw invalid("A qualification type with a Test cannot be AutoGranted.");
  try {
    const form = parseQuestionForm(s.Test);
    if (s.AnswerKey !== undefined) {
      if (Buffer.byteLength(s.AnswerKey, "utf8") > MAX_XML_BYTES) throw invalid(`AnswerKey must be at most ${MAX_XML_BYTES} bytes.`);
      parseAnswerKey(s.AnswerKey, form);
    }
  } catch (e) {
    if (e instanceof QuestionFormError) throw invalid(`Test: ${e.message}`);
    if (e instanceof AnswerKeyError) throw invalid(`AnswerKey: ${e.message}`);
    throw e;
  }
}

const nameTaken = (name: string) =>
  new MturkRequestError(
    "AWS.MechanicalTurk.QualificationTypeAlreadyExists",
    `You have already created a QualificationType with this name. A QualificationType's name must be unique among all of the QualificationTypes created by the same user. (${name})`,
  );

const isUniqueViolation = (e: unknown) => typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";

interface CreateInput extends TypeSettings {
  Name: string;
  Description: string;
  Keywords?: string;
  QualificationTypeStatus: "Active" | "Inactive";
}

/**
 * Length limits: Description and Keywords as MTurk documents them for HITs; Name a HITdesk
 * limit (MTurk documents none), which also keeps it within the unique index's row size.
 */
const MAX_NAME = 255;
const MAX_DESCRIPTION = 2000;
const MAX_KEYWORDS = 1000;

function checkLength(value: string | undefined, field: string, max: number): void {
  if (value !== undefined && value.length > max) throw invalid(`${field} is ${value.length} characters; the limit is ${max}`);
}

const CreateQualificationType: OperationHandler = async (raw, ctx: OperationContext) => {
  const input = raw as CreateInput;
  // Trimmed so that names differing only in spacing collide; empty is allowed, as the model sets no minimum.
  const name = input.Name.trim();
  checkLength(name, "Name", MAX_NAME);
  checkLength(input.Description, "Description", MAX_DESCRIPTION);
  checkLength(input.Keywords, "Keywords", MAX_KEYWORDS);
  checkTestSettings(input);
  // The unique (requesterId, nameKey) index decides, so concurrent creates cannot both win.
  const created = await db.mkQualificationType
    .create({
      data: {
        id: entityId(),
        requesterId: ctx.requester.id,
        environment: ctx.requester.environment,
        name,
        nameKey: name.toLowerCase(),
        description: input.Description,
        keywords: input.Keywords ?? null,
        status: input.QualificationTypeStatus,
        retryDelaySec: input.RetryDelayInSeconds ?? null,
        test: input.Test ?? null,
        testDurationSec: input.Test !== undefined ? input.TestDurationInSeconds! : null,
        answerKey: input.AnswerKey ?? null,
        autoGranted: input.AutoGranted ?? false,
        autoGrantedValue: input.AutoGrantedValue ?? 1,
        createdAt: ctx.now,
      },
    })
    .catch((e: unknown) => {
      throw isUniqueViolation(e) ? nameTaken(name) : e;
    });
  return { QualificationType: serializeQualificationType(created) };
};

const GetQualificationType: OperationHandler = async (raw, ctx) => {
  const { QualificationTypeId: id } = raw as { QualificationTypeId: string };
  const system = findSystemQualificationType(ctx.requester.environment, id);
  if (system) return { QualificationType: serializeSystemQualificationType(system) };
  const t = await findLiveQualificationType(db, ctx.requester.environment, id);
  if (!t) throw typeDoesNotExist(id);
  return { QualificationType: serializeQualificationType(t) };
};

interface UpdateInput extends TypeSettings {
  QualificationTypeId: string;
  Description?: string;
  QualificationTypeStatus?: "Active" | "Inactive";
}

const UpdateQualificationType: OperationHandler = async (raw, ctx) => {
  const input = raw as UpdateInput;
  checkLength(input.Description, "Description", MAX_DESCRIPTION);
  const current = await requireOwnQualificationType(db, ctx.requester, input.QualificationTypeId);
  const merged: TypeSettings = {
    Test: input.Test ?? current.test ?? undefined,
    AnswerKey: input.AnswerKey ?? current.answerKey ?? undefined,
    TestDurationInSeconds: input.TestDurationInSeconds ?? current.testDurationSec ?? undefined,
    RetryDelayInSeconds: input.RetryDelayInSeconds ?? current.retryDelaySec ?? undefined,
    AutoGranted: input.AutoGranted ?? current.autoGranted,
  };
  // Retries, once allowed, stay allowed (SPEC §17): the model offers no way to clear
  // RetryDelayInSeconds, so an update can only change its value.
  checkTestSettings(merged);
  const data: Prisma.MkQualificationTypeUpdateInput = {
    ...(input.Description !== undefined ? { description: input.Description } : {}),
    ...(input.QualificationTypeStatus !== undefined ? { status: input.QualificationTypeStatus } : {}),
    ...(input.Test !== undefined ? { test: input.Test } : {}),
    ...(input.AnswerKey !== undefined ? { answerKey: input.AnswerKey } : {}),
    ...(input.TestDurationInSeconds !== undefined ? { testDurationSec: input.TestDurationInSeconds } : {}),
    ...(input.RetryDelayInSeconds !== undefined ? { retryDelaySec: input.RetryDelayInSeconds } : {}),
    ...(input.AutoGranted !== undefined ? { autoGranted: input.AutoGranted } : {}),
    ...(input.AutoGrantedValue !== undefined ? { autoGrantedValue: input.AutoGrantedValue } : {}),
  };
  const updated = await db.mkQualificationType.update({ where: { id: current.id }, data });
  return { QualificationType: serializeQualificationType(updated) };
};

/**
 * Marks the type deleted (its name is free again at once), rejects its pending requests and
 * keeps granted qualifications. MTurk also deletes HIT types that use it; here existing HIT
 * types and HITs are left untouched (deleting them would orphan live HITs) — new HITs can no
 * longer require the type, since validation refuses deleted types.
 */
const DeleteQualificationType: OperationHandler = async (raw, ctx) => {
  const { QualificationTypeId: id } = raw as { QualificationTypeId: string };
  const t = await requireOwnQualificationType(db, ctx.requester, id);
  await db.$transaction(async (tx) => {
    await tx.mkQualificationType.update({ where: { id: t.id }, data: { deletedAt: ctx.now, status: "Inactive", nameKey: `${t.id}#deleted` } });
    await tx.mkQualificationRequest.updateMany({
      where: { qualificationTypeId: t.id, status: "Pending" },
      data: { status: "Rejected", reason: "The qualification type was deleted.", decidedAt: ctx.now },
    });
  });
  return {};
};

interface ListInput {
  MustBeRequestable: boolean;
  MustBeOwnedByCaller?: boolean;
  Query?: string;
  NextToken?: string;
  MaxResults?: number;
}

const matchesQuery = (q: string | undefined, ...fields: (string | null)[]) => !q || fields.some((f) => f?.toLowerCase().includes(q.toLowerCase()));

/**
 * The caller's own types (any status) and, unless MustBeOwnedByCaller, other requesters'
 * Active types and the system types (not requestable). One cursor pages through both: the
 * system types take positions 0..4 and a row's position is its seq (≥ 1) + 4.
 */
const ListQualificationTypes: OperationHandler = async (raw, ctx) => {
  const input = raw as ListInput;
  const { limit, after } = seqCursor(input);
  const query = input.Query?.trim();
  const own = input.MustBeOwnedByCaller === true;
  const systemTypes = systemQualificationTypes(ctx.requester.environment);
  const offset = BigInt(systemTypes.length - 1);
  const system =
    own || input.MustBeRequestable
      ? []
      : systemTypes
          .map((t, i) => ({ seq: BigInt(i), row: serializeSystemQualificationType(t), raw: t }))
          .filter((s) => matchesQuery(query, s.raw.name, s.raw.description, s.raw.keywords) && (after === undefined || s.seq > after));
  const where: Prisma.MkQualificationTypeWhereInput = {
    environment: ctx.requester.environment,
    deletedAt: null,
    ...(after !== undefined ? { seq: { gt: after - offset } } : {}),
    ...(own ? { requesterId: ctx.requester.id } : { OR: [{ requesterId: ctx.requester.id }, { status: "Active" }] }),
    ...(input.MustBeRequestable ? { isRequestable: true } : {}),
    ...(query
      ? {
          AND: [
            {
              OR: [{ name: { contains: query, mode: "insensitive" } }, { description: { contains: query, mode: "insensitive" } }, { keywords: { contains: query, mode: "insensitive" } }],
            },
          ],
        }
      : {}),
  };
  const rows: MkQualificationType[] = await db.mkQualificationType.findMany({ where, orderBy: { seq: "asc" }, take: limit + 1 });
  const all: { seq: bigint; item: Record<string, unknown> }[] = [
    ...system.map((s) => ({ seq: s.seq, item: s.row })),
    ...rows.map((r) => ({ seq: r.seq + offset, item: serializeQualificationType(r) })),
  ];
  const page = pageOf(all, limit);
  return { NumResults: page.items.length, QualificationTypes: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};

export const qualificationTypeOperations = {
  CreateQualificationType,
  GetQualificationType,
  UpdateQualificationType,
  DeleteQualificationType,
  ListQualificationTypes,
} satisfies Record<string, OperationHandler>;
