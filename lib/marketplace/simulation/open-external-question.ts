import "server-only";

/**
 * A simulated worker opening an ExternalQuestion page as a person's browser would, so the
 * requester's own server (psiTurk, Mephisto, a survey) sees the worker arrive: one GET of the
 * ExternalURL with MTurk's parameters, on hosts the requester allows only, bounded in time
 * and size, following redirects only to allowed hosts. The page itself is not run.
 */
export const VISIT_TIMEOUT_MS = 5_000;
export const VISIT_MAX_BYTES = 512 * 1024;
const MAX_REDIRECTS = 5;

export type VisitParams = {
  assignmentId: string;
  hitId: string;
  workerId: string;
  turkSubmitTo: string;
};

export type Visit = { outcome: "opened"; host: string; httpStatus: number } | { outcome: "failed"; host: string; httpStatus?: number; error: string } | { outcome: "not-allowed"; host: string };

/** URL.hostname keeps IPv6 brackets ("[::1]"); hosts are listed without them. */
const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/** Whether the URL is on one of the hosts (a bad URL is on none). */
export function onAllowedHost(url: string, allowedHosts: readonly string[]): boolean {
  try {
    return allowedHosts.includes(hostOf(new URL(url)));
  } catch {
    return false;
  }
}

/** Reads (and drops) at most `limit` bytes of the body, then lets the connection go. */
async function drain(res: Response, limit: number): Promise<void> {
  if (!res.body) return;
  const reader = res.body.getReader();
  let read = 0;
  while (read < limit) {
    const { done, value } = await reader.read();
    if (done) return;
    read += value.byteLength;
  }
  await reader.cancel();
}

function describe(e: unknown): string {
  if (e instanceof Error && e.name === "TimeoutError") return `no answer within ${VISIT_TIMEOUT_MS / 1000} s`;
  // fetch reports "fetch failed"; the cause says what happened (ECONNREFUSED, a TLS error...).
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : undefined;
  return (cause ?? (e instanceof Error ? e.message : String(e))).slice(0, 300);
}

export async function openExternalQuestion(externalUrl: string, params: VisitParams, allowedHosts: readonly string[]): Promise<Visit> {
  let url: URL;
  try {
    url = new URL(externalUrl);
  } catch {
    return { outcome: "failed", host: "", error: `not a URL: ${externalUrl.slice(0, 200)}` };
  }
  // As MTurk does: the parameters join the URL's own query string.
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  const host = hostOf(url);
  const allowed = new Set(allowedHosts);
  if (!allowed.has(host)) return { outcome: "not-allowed", host };
  const signal = AbortSignal.timeout(VISIT_TIMEOUT_MS);
  try {
    for (let hops = 0; ; hops++) {
      if (url.protocol !== "http:" && url.protocol !== "https:") return { outcome: "failed", host, error: `cannot open a ${url.protocol} URL` };
      const res = await fetch(url, { redirect: "manual", signal, headers: { accept: "text/html,*/*;q=0.8", "user-agent": "HITdesk-simulated-worker" } });
      const location = res.headers.get("location");
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        const next = new URL(location, url);
        if (!allowed.has(hostOf(next))) return { outcome: "failed", host, httpStatus: res.status, error: `redirected to ${hostOf(next)}, which is not an allowed host` };
        if (hops >= MAX_REDIRECTS) return { outcome: "failed", host, httpStatus: res.status, error: `more than ${MAX_REDIRECTS} redirects` };
        url = next;
        continue;
      }
      await drain(res, VISIT_MAX_BYTES);
      return res.ok ? { outcome: "opened", host, httpStatus: res.status } : { outcome: "failed", host, httpStatus: res.status, error: `HTTP ${res.status} ${res.statusText}`.trim() };
    }
  } catch (e) {
    return { outcome: "failed", host, error: describe(e) };
  }
}
