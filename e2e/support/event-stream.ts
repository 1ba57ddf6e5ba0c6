import type { APIRequestContext } from "@playwright/test";

/**
 * Calls an event-stream route (GET /api/live) as `request`'s session and hangs up once the
 * answer's head arrived: Playwright's request context waits for the whole body, which a stream
 * never ends. A refusal's body (JSON) is read; a stream's is not.
 */
export async function eventStreamAnswer(request: APIRequestContext, url: URL): Promise<{ status: number; text: string; contentType: string | null }> {
  const { cookies } = await request.storageState();
  const cookie = cookies
    .filter((c) => url.hostname.endsWith(c.domain.replace(/^\./, "")))
    .map((c) => `${c.name}=${c.value}`)
    .join("; ");
  const abort = new AbortController();
  const res = await fetch(url, { headers: { cookie }, signal: abort.signal, redirect: "manual" });
  const contentType = res.headers.get("content-type");
  const text = contentType?.startsWith("text/event-stream") ? "" : await res.text();
  abort.abort();
  return { status: res.status, text, contentType };
}
