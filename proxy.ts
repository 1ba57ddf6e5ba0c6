import { NextResponse, type NextRequest } from "next/server";
import { appUrl } from "@/lib/env";
import { controlCharacterProblem } from "@/lib/http/control-characters";
import { crossSiteProblem, requestOrigin } from "@/lib/http/same-origin";

/**
 * The boundary of HITdesk's pages (the dashboard, the worker site, sign-in):
 * - security headers on every page: no framing by anyone (clickjacking on approve/reject,
 *   settings), no MIME sniffing, no full URLs in Referer, HSTS once served over https;
 * - cross-site POSTs (server actions, forms) refused before Next sees them;
 * - control characters in the URL (`?q=%00`) answered with a 400 naming the parameter, not a
 *   database error.
 * Route handlers under /api guard themselves (lib/auth/guard.ts) and task documents (/task,
 * /task-preview) carry their own sandbox policy, so neither passes through here; not running
 * the proxy for them also keeps Next from buffering their request bodies.
 */

// No script-src: pages render task HTML in srcdoc frames, which inherit this policy and run the
// requester's own inline scripts and libraries.
const CONTENT_SECURITY_POLICY = ["frame-ancestors 'none'", "base-uri 'self'", "object-src 'none'", "form-action 'self'"].join("; ");

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function refuse(status: number, message: string): NextResponse {
  return new NextResponse(`${message}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

function urlProblem(request: NextRequest): string | null {
  let path: string;
  try {
    path = decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return "The address is not valid (a broken %-escape in the path)";
  }
  const inPath = controlCharacterProblem(path);
  if (inPath) return `The address ${inPath}`;
  for (const [name, value] of request.nextUrl.searchParams) {
    const problem = controlCharacterProblem(name) ?? controlCharacterProblem(value);
    if (problem) return `Query parameter ${name.replace(/[\u0000-\u001f]/g, "?") || "(unnamed)"} ${problem}`;
  }
  return null;
}

function withSecurityHeaders(response: NextResponse, request: NextRequest, self: string | null): NextResponse {
  const h = response.headers;
  h.set("content-security-policy", CONTENT_SECURITY_POLICY);
  h.set("x-frame-options", "DENY");
  h.set("x-content-type-options", "nosniff");
  h.set("referrer-policy", "strict-origin-when-cross-origin");
  // Only over https: HSTS sent over http is ignored, and on a LAN install it would lock browsers
  // out of an http-only host name.
  if ((self ?? request.url).startsWith("https://") || appUrl().startsWith("https://")) h.set("strict-transport-security", "max-age=31536000");
  return response;
}

export function proxy(request: NextRequest): NextResponse {
  const self = requestOrigin(request.headers, request.url);
  const problem = urlProblem(request);
  if (problem) return withSecurityHeaders(refuse(400, problem), request, self);
  if (!SAFE_METHODS.has(request.method)) {
    const crossSite = crossSiteProblem(request.headers, [self, appUrl()]);
    if (crossSite) return withSecurityHeaders(refuse(403, crossSite), request, self);
  }
  return withSecurityHeaders(NextResponse.next(), request, self);
}

export const config = {
  matcher: ["/((?!api/|task/|task-preview|task-assets/|_next/static/|_next/image|favicon\\.ico).*)"],
};
