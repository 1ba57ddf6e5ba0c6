import "server-only";
import type { TeamContext } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EnvironmentName } from "@/lib/scope";

/** Records who did what, in which team and environment (null: not one environment's). */
export async function recordAudit(
  ctx: Pick<TeamContext, "team" | "user"> & { environment: EnvironmentName | null },
  action: string,
  target?: string,
  detail?: Prisma.InputJsonValue,
  tx: Tx | typeof db = db,
): Promise<void> {
  await tx.auditLog.create({
    data: {
      teamId: ctx.team.id,
      environment: ctx.environment,
      userId: ctx.user.id,
      actorEmail: ctx.user.email,
      action,
      target: target ?? null,
      detail: detail ?? undefined,
    },
  });
}
