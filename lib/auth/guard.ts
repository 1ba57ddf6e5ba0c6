import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { hasRole, type Role } from "@/lib/auth/roles";
import { currentTeamContext, type TeamContext } from "@/lib/auth/session";
import { HttpError } from "@/lib/http-error";

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

async function readInput(request: NextRequest): Promise<unknown> {
  if (request.method === "GET" || request.method === "HEAD") {
    return Object.fromEntries(request.nextUrl.searchParams.entries());
  }
  const text = await request.text();
  if (!text) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "The request body is not valid JSON");
  }
}

/**
 * The one gate for route handlers: a session, a team membership with at least `role`, then
 * input validated by `input`. Handlers get the team context; every query they make filters
 * by ctx.team.id and ctx.environment.
 */
export function withTeam<S extends z.ZodType>(
  options: { role: Role; input: S },
  handler: (req: GuardedRequest<z.output<S>>) => Promise<unknown>,
): (request: NextRequest, route: RouteContext) => Promise<Response> {
  return async (request, route) => {
    try {
      const ctx = await currentTeamContext();
      if (!ctx) return errorResponse(401, "Sign in to continue");
      if (!hasRole(ctx.role, options.role)) {
        return errorResponse(403, `This needs the ${options.role} role; you are ${ctx.role} in ${ctx.team.name}`);
      }
      const parsed = options.input.safeParse(await readInput(request));
      if (!parsed.success) {
        const issues = zodIssues(parsed.error);
        return errorResponse(400, issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "), issues);
      }
      const result = await handler({ ctx, input: parsed.data, request, params: await route.params });
      return result instanceof Response ? result : NextResponse.json(result ?? { ok: true });
    } catch (e) {
      if (e instanceof HttpError) return errorResponse(e.status, e.message, e.details);
      console.error(e);
      return errorResponse(500, "Something went wrong on the server; nothing was changed by this request if it failed before saving");
    }
  };
}
