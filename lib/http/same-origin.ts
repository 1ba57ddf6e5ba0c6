/**
 * Where a request comes from, as the browser says it. Edge-safe and dependency-free: proxy.ts and
 * the route guard both use it.
 */

const HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/** The Host the browser used, if it is a plain host[:port] (anything else could inject into a header). */
export function requestHost(headers: Headers): string | null {
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  return host && HOST.test(host) ? host.toLowerCase() : null;
}

/**
 * The origin this request was addressed to (scheme + the Host the browser used). A reverse
 * proxy that terminates TLS says https in X-Forwarded-Proto. Null when the Host header is not a
 * plain host name, so a forged header can never end up in a policy.
 */
export function requestOrigin(headers: Headers, url: string): string | null {
  const host = requestHost(headers);
  if (!host) return null;
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const scheme = forwarded === "https" || forwarded === "http" ? forwarded : new URL(url).protocol.replace(":", "");
  return `${scheme}://${host}`;
}

const originOf = (value: string): string | null => {
  try {
    const u = new URL(value);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
};

/**
 * Whether a state-changing request was sent by another site (CSRF). Browsers mark every request
 * with Sec-Fetch-Site (and every non-GET with Origin); a request with neither comes from a
 * program (curl, an SDK, a test client) that holds its own cookies, which is no cross-site attack.
 * `trusted` are the app's own origins: this request's own and the configured HITDESK_URL.
 */
export function crossSiteProblem(headers: Headers, trusted: readonly (string | null)[]): string | null {
  const origin = headers.get("origin");
  const site = headers.get("sec-fetch-site")?.toLowerCase();
  const trustedOrigins = new Set(trusted.flatMap((t) => (t ? [originOf(t)] : [])).filter(Boolean));
  if (site === "same-origin" || site === "none") return null;
  if (origin && origin !== "null" && trustedOrigins.has(originOf(origin))) return null;
  if (!site && !origin) return null;
  return `Cross-site request refused: this request came from ${origin && origin !== "null" ? origin : "another site"}, not from HITdesk itself. Open HITdesk at its own address and try again.`;
}
