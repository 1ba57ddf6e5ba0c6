/** What HITdesk asks every List call for: MTurk's largest page. */
export const LIST_PAGE_SIZE = 100;

/**
 * The token to ask for the next page with, or undefined when this page was the last. MTurk
 * puts a NextToken on every page with results, the last one too, and leaves it off only an
 * empty page; it fills each page up to MaxResults, so a shorter page is the last and following
 * its token would cost one call (per HIT, in a sync) only to read an empty page.
 */
export function nextPageToken(items: readonly unknown[] | undefined, nextToken: string | undefined, pageSize = LIST_PAGE_SIZE): string | undefined {
  return (items?.length ?? 0) < pageSize ? undefined : nextToken;
}
