import { db } from "@/lib/db";

/**
 * Everything the MTurk API can write for one requester, hashed per table: equal fingerprints
 * before and after a call mean the call changed no row. (mk_api_key is left out: every signed
 * call notes when its key was last used.)
 */
const TABLES: Record<string, string> = {
  mk_requester: `"id" = $1`,
  mk_hit_type: `"requesterId" = $1`,
  mk_hit: `"requesterId" = $1`,
  mk_idempotency_token: `"requesterId" = $1`,
  mk_assignment: `"requesterId" = $1`,
  mk_qualification_type: `"requesterId" = $1`,
  mk_qualification: `"qualificationTypeId" IN (SELECT id FROM mk_qualification_type WHERE "requesterId" = $1)`,
  mk_qualification_request: `"requesterId" = $1`,
  mk_worker_block: `"requesterId" = $1`,
  mk_bonus_payment: `"requesterId" = $1`,
  mk_ledger_entry: `"requesterId" = $1`,
  mk_worker_message: `"requesterId" = $1`,
  mk_review_entry: `"hitId" IN (SELECT id FROM mk_hit WHERE "requesterId" = $1)`,
  mk_event: `"requesterId" = $1`,
};

const SQL = Object.entries(TABLES)
  .map(([table, where]) => `SELECT '${table}' AS t, count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${table} x WHERE ${where}`)
  .join(" UNION ALL ");

export async function rowFingerprint(requesterId: string): Promise<Record<string, string>> {
  const rows = await db.$queryRawUnsafe<{ t: string; n: number; h: string }[]>(SQL, requesterId);
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}
