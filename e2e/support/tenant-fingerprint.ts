import { db } from "@/lib/db";

/**
 * A digest of everything one team owns: its Team row, every row of every table with a "teamId"
 * column, and every marketplace row of its requesters ("requesterId", the built-in marketplace's
 * side of the team). Read from the schema itself, so a new team-scoped table is covered without
 * a change here. Equal digests before and after a call mean the call changed nothing of the team.
 */
export function teamFingerprint(teamId: string): Promise<Record<string, string>> {
  return teamDigest(teamId, "md5(string_agg(t::text, '|' ORDER BY t::text))");
}

/**
 * How many rows the team has in each of those tables. Unlike the fingerprint it ignores updates
 * (a session's last use, a sync's time), so a team's own requests can be checked with it: other
 * tests working on other teams at the same time change nothing here.
 */
export function teamRowCounts(teamId: string): Promise<Record<string, string>> {
  return teamDigest(teamId, "count(*)::text");
}

// The schema does not change during a run; information_schema is slow to read.
let teamColumns: Promise<{ table_name: string; column_name: string }[]> | undefined;

async function teamDigest(teamId: string, aggregate: string): Promise<Record<string, string>> {
  const columns = await (teamColumns ??= db.$queryRawUnsafe<{ table_name: string; column_name: string }[]>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name IN ('teamId', 'requesterId')
        AND table_name NOT LIKE '\\_prisma%'
      ORDER BY table_name, column_name`,
  ));
  const requesters = (await db.mkRequester.findMany({ where: { ownerRef: teamId }, select: { id: true } })).map((r) => r.id);
  // One round trip: the fuzz suite takes this before and after thousands of requests.
  const parts: [string, string, string][] = [
    ["Team", "Team", `t."id" = $1`],
    ["mk_requester", "mk_requester", `t."ownerRef" = $1`],
    ...columns.map(({ table_name, column_name }): [string, string, string] => [
      `${table_name}.${column_name}`,
      table_name,
      column_name === "teamId" ? `t."teamId" = $1` : `t."requesterId" = ANY($2::text[])`,
    ]),
  ];
  const sql = parts.map(([key, table, where]) => `SELECT '${key}' AS k, (SELECT ${aggregate} FROM "${table}" t WHERE ${where}) AS d`).join(" UNION ALL ");
  const rows = await db.$queryRawUnsafe<{ k: string; d: string | null }[]>(sql, teamId, requesters);
  const digest: Record<string, string> = {};
  for (const row of rows) digest[row.k] = row.d ?? "empty";
  return digest;
}
