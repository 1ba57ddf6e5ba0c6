import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EnvironmentName } from "@/lib/scope";

const INSERT_CHUNK = 1000;

/**
 * A durable job with its items, written in one transaction: either the whole job exists or
 * none of it, so a crash while enqueueing never leaves half a batch.
 */
export async function enqueueJob(
  input: { teamId: string; environment: EnvironmentName; kind: string; subjectId?: string; options?: Prisma.InputJsonValue; createdById?: string; items: Prisma.InputJsonValue[]; paused?: boolean },
  tx?: Tx,
): Promise<{ id: string }> {
  const write = async (t: Tx) => {
    const job = await t.job.create({
      data: {
        teamId: input.teamId,
        environment: input.environment,
        kind: input.kind,
        subjectId: input.subjectId ?? null,
        options: input.options ?? {},
        createdById: input.createdById ?? null,
        total: input.items.length,
        status: input.paused ? "paused" : input.items.length === 0 ? "succeeded" : "queued",
      },
      select: { id: true },
    });
    for (let i = 0; i < input.items.length; i += INSERT_CHUNK) {
      await t.jobItem.createMany({ data: input.items.slice(i, i + INSERT_CHUNK).map((item, k) => ({ jobId: job.id, seq: i + k, input: item })) });
    }
    return job;
  };
  return tx ? write(tx) : db.$transaction(write, { timeout: 120_000 });
}
