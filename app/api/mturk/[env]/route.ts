import { NextResponse, type NextRequest } from "next/server";
import { handleMturkRequest } from "@/lib/marketplace/handler";

// The built-in marketplace's MTurk API endpoint. Authentication is SigV4 per requester
// (lib/marketplace/sigv4), not a dashboard session.
type Route = { params: Promise<{ env: string }> };

async function handle(request: NextRequest, { params }: Route): Promise<Response> {
  const { env } = await params;
  if (env !== "sandbox" && env !== "production") {
    return NextResponse.json({ __type: "UnknownEndpoint", Message: "Use /api/mturk/sandbox or /api/mturk/production" }, { status: 404 });
  }
  return handleMturkRequest(request, env);
}

export const POST = handle;
export const OPTIONS = handle;
