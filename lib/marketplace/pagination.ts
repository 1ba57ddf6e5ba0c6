import { MturkRequestError } from "@/lib/marketplace/errors";

/**
 * List pages key on each table's monotonic `seq` column, so rows inserted while a caller
 * pages never shift what the next page returns. NextToken is opaque to callers.
 */
export const DEFAULT_PAGE_SIZE = 10; // SPEC §4: MTurk's documented samples return 10

const PREFIX = "hd1:";

export function encodeToken(seq: bigint): string {
  return Buffer.from(PREFIX + seq.toString()).toString("base64url");
}

export function decodeToken(token: string): bigint {
  const text = Buffer.from(token, "base64url").toString("utf8");
  if (!text.startsWith(PREFIX) || !/^\d+$/.test(text.slice(PREFIX.length))) {
    throw new MturkRequestError("AWS.MechanicalTurk.InvalidParameterValue", `The NextToken '${token}' is not valid.`);
  }
  return BigInt(text.slice(PREFIX.length));
}

/** Rows to fetch (one more than the page, to know whether another page follows) and where to start. */
export function seqCursor(input: { NextToken?: string; MaxResults?: number }): { limit: number; after?: bigint } {
  return { limit: input.MaxResults ?? DEFAULT_PAGE_SIZE, after: input.NextToken ? decodeToken(input.NextToken) : undefined };
}

/**
 * Cuts rows (ordered by seq ascending) into a page. As MTurk does, every page with results
 * carries a NextToken, the last one too, and only an empty page has none: Mephisto and
 * psiTurk read `response["NextToken"]` from each non-empty page and stop on an empty one,
 * while SDK paginators stop on the missing token, one call after the last results.
 */
export function pageOf<T>(rows: { seq: bigint; item: T }[], limit: number): { items: T[]; nextToken?: string } {
  const items = rows.slice(0, limit);
  return { items: items.map((r) => r.item), nextToken: items.length > 0 ? encodeToken(items.at(-1)!.seq) : undefined };
}
