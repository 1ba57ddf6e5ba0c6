import "server-only";
import { db } from "@/lib/db";
import type { Scope } from "@/lib/scope";

export interface ScoreRow {
  workerId: string;
  value: number | null;
  status: string;
  grantTime: string;
}

const PAGE = 200;

/** Workers holding the type (Granted) or who held it (Revoked, or no longer listed), newest first. */
export async function listQualificationScores(scope: Scope, qualificationTypeId: string, status: "Granted" | "Revoked", page = 1): Promise<{ rows: ScoreRow[]; total: number }> {
  const where =
    status === "Granted" ? { ...scope, qualificationTypeId, status: "Granted", forgottenAt: null } : { ...scope, qualificationTypeId, OR: [{ status: "Revoked" }, { forgottenAt: { not: null } }] };
  const [rows, total] = await Promise.all([
    db.cachedQualificationScore.findMany({ where, orderBy: [{ grantTime: "desc" }, { workerId: "asc" }], skip: (page - 1) * PAGE, take: PAGE }),
    db.cachedQualificationScore.count({ where }),
  ]);
  return { total, rows: rows.map((r) => ({ workerId: r.workerId, value: r.integerValue, status: r.forgottenAt ? "Revoked" : r.status, grantTime: r.grantTime.toISOString() })) };
}
