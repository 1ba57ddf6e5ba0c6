import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { hasRole, type Role } from "@/lib/auth/roles";
import { currentTeamContext, type TeamContext } from "@/lib/auth/session";
import { appUrl } from "@/lib/env";
import { DomainError, Forbidden, Invalid, NotFound } from "@/lib/errors";
import { findControlCharacter } from "@/lib/http/control-characters";
import { domainErrorStatus } from "@/lib/http/domain-error-status";
import { HttpError } from "@/lib/http/http-error";
import { readFormBody, readJsonBody } from "@/lib/http/read-body";
import { crossSiteProblem, requestOrigin } from "@/lib/http/same-origin";
import { ENVIRONMENTS } from "@/lib/scope";
import { noteTeamActivityInBackground } from "@/lib/sync/note-team-activity";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

export interface GuardedRequest<I> {
  ctx: TeamContext;
  input: I;
  request: NextRequest;
  params: Record<string, string | string[] | undefined>;
}

export function errorResponse(status: number, error: string, details?: unknown): NextResponse {
  return NextResponse.json(details === undefined ? { error } : { error, details }, { status });
}

export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

/** What a route's body is: JSON (the default), or a form, which only routes posted to by an HTML form declare. */
export type BodyKind = "json" | "form";

async function readInput(request: NextRequest, body: BodyKind): Promise<unknown> {
  if (request.method === "GET" || request.method === "HEAD") {
    return Object.fromEntries(request.nextUrl.searchParams.entries());
  }
  // Cookies ride along on cross-site requests; only HITdesk's own pages may change things.
  const crossSite = crossSiteProblem(request.headers, [requestOrigin(request.headers, request.url), appUrl()]);
  if (crossSite) throw new Forbidden(crossSite);
  return body === "form" ? readFormBody(request) : readJsonBody(request);
}

/**
 * Text with a NUL (Postgres refuses it: a 500) or another control character, anywhere in the
 * input or the path, is a 400 naming the field, before any handler or schema sees it.
 */
function refuseControlCharacters(input: unknown, params: Record<string, unknown>, query: boolean): void {
  const inParams = findControlCharacter(params);
  if (inParams) throw new Invalid(`Path segment ${inParams.path} ${inParams.message}`, [inParams]);
  const issue = findControlCharacter(input);
  if (issue) throw new Invalid(`${query ? "Query parameter " : ""}${issue.path} ${issue.message}`, [issue]);
}

/**
 * The one gate for route handlers: a session, a team membership with at least `role`, then
 * input validated by `input`. Handlers get the team context; every query they make filters
 * by ctx.team.id and ctx.environment. `invalid` answers input the schema refuses when a JSON
 * 400 is not what the caller can show (a form posted into a frame).
 */
export function withTeam<S extends z.ZodType>(
  options: { role: Role; input: S; body?: BodyKind; invalid?: (request: NextRequest) => Response },
  // What a handler returns (a Response, a value to send as JSON), or a promise of it.
  handler: (req: GuardedRequest<z.output<S>>) => unknown,
): (request: NextRequest, route: RouteContext) => Promise<Response> {
  return async (request, route) => {
    try {
      const ctx = await currentTeamContext();
      if (!ctx) return errorResponse(401, "Sign in to continue");
      if (!hasRole(ctx.role, options.role)) {
        return errorResponse(403, `This needs the ${options.role} role; you are ${ctx.role} in ${ctx.team.name}`);
      }
      noteTeamActivityInBackground(ctx.team.id, ctx.environment);
      const raw = await readInput(request, options.body ?? "json");
      const params = await route.params;
      refuseControlCharacters(raw, params, request.method === "GET" || request.method === "HEAD");
      const parsed = options.input.safeParse(raw);
      if (!parsed.success) {
        if (options.invalid) return options.invalid(request);
        const issues = zodIssues(parsed.error);
        return errorResponse(400, issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "), issues);
      }
      const result = await handler({ ctx, input: parsed.data, request, params });
      return result instanceof Response ? result : NextResponse.json(result ?? { ok: true });
    } catch (e) {
      if (e instanceof DomainError) return errorResponse(domainErrorStatus(e), e.message, e.details);
      if (e instanceof HttpError) return errorResponse(e.status, e.message);
      console.error(e);
      return errorResponse(500, "Something went wrong on the server; nothing was changed by this request if it failed before saving");
    }
  };
}

/** The `[environment]` path segment: a URL naming no environment is a 404, not a thrown ZodError (a 500). */
export function environmentParam(params: Record<string, string | string[] | undefined>): (typeof ENVIRONMENTS)[number] {
  const value = params.environment;
  const found = ENVIRONMENTS.find((e) => e === value);
  if (!found) throw new NotFound(`No environment "${String(value).slice(0, 40)}": use sandbox or production`);
  return found;
}
