import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditFilter } from "@/lib/audit-log/audit-filter";

export const AUDIT_PAGE_SIZE = 50;
const DAY_MS = 86_400_000;

/** One team's audit rows matching the filter; every query of the log goes through here. */
export function auditLogWhere(teamId: string, filter: AuditFilter): Prisma.AuditLogWhereInput {
  return {
    teamId,
    ...(filter.environment ? { environment: filter.environment } : {}),
    ...(filter.actor ? { actorEmail: { contains: filter.actor, mode: "insensitive" } } : {}),
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.target ? { target: { contains: filter.target, mode: "insensitive" } } : {}),
    ...(filter.from || filter.to
      ? {
          createdAt: {
            ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
            ...(filter.to ? { lt: new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + DAY_MS) } : {}),
          },
        }
      : {}),
  };
}

export interface AuditRow {
  id: string;
  createdAt: Date;
  environment: string | null;
  actorEmail: string | null;
  action: string;
  target: string | null;
  detail: Prisma.JsonValue;
}

const toRow = (r: { id: bigint; createdAt: Date; environment: string | null; actorEmail: string | null; action: string; target: string | null; detail: Prisma.JsonValue }): AuditRow => ({
  ...r,
  id: r.id.toString(),
});

/** A page of the log, newest first, with the number of matching rows. */
export async function listAuditLog(teamId: string, filter: AuditFilter, page: number): Promise<{ rows: AuditRow[]; total: number; pageCount: number }> {
  const where = auditLogWhere(teamId, filter);
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: { id: true, createdAt: true, environment: true, actorEmail: true, action: true, target: true, detail: true },
    }),
    db.auditLog.count({ where }),
  ]);
  return { rows: rows.map(toRow), total, pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/**
 * Every matching row, newest first, in pages read by keyset on (createdAt, id): a page costs
 * the same at row one million as at row one, and rows logged during the export do not shift it.
 */
export async function* auditLogPages(teamId: string, filter: AuditFilter, pageSize = 1000): AsyncGenerator<AuditRow[]> {
  const where = auditLogWhere(teamId, filter);
  let after: { createdAt: Date; id: bigint } | undefined;
  for (;;) {
    const rows = await db.auditLog.findMany({
      where: after ? { AND: [where, { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }] } : where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: pageSize,
      select: { id: true, createdAt: true, environment: true, actorEmail: true, action: true, target: true, detail: true },
    });
    if (rows.length) yield rows.map(toRow);
    if (rows.length < pageSize) return;
    const last = rows.at(-1)!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}
