const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * A "starts with" filter on an MTurk id column (HITId, AssignmentId, WorkerId: upper-case
 * letters and digits) that a plain B-tree index can serve. Postgres turns `startsWith` into
 * LIKE 'AB%', which uses an index only under the C collation; the range 'AB' <= id < 'AC' works
 * under any collation that orders digits before letters (C, C.UTF-8, en_US...). startsWith
 * stays in the filter as well, so the result is right even where that ordering does not hold.
 */
export function idPrefixFilter(prefix: string): { startsWith: string; gte?: string; lt?: string } {
  const p = prefix.trim().toUpperCase();
  if (!/^[0-9A-Z]+$/.test(p)) return { startsWith: p };
  const upper = nextPrefix(p);
  return upper ? { startsWith: p, gte: p, lt: upper } : { startsWith: p, gte: p };
}

/** The smallest alphanumeric string after every string that starts with `p`: "AB" → "AC", "AZ" → "B", "ZZ" → none. */
function nextPrefix(p: string): string | undefined {
  for (let i = p.length - 1; i >= 0; i--) {
    const next = ALNUM.indexOf(p[i]!) + 1;
    if (next < ALNUM.length) return p.slice(0, i) + ALNUM[next];
  }
  return undefined;
}
