import { NextResponse } from "next/server";
import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { revealWebhookSecret } from "@/lib/webhooks/endpoints";

// A POST, not a GET: revealing is an audited act, and the answer must not be cached.
export const POST = withTeam({ role: "admin", input: z.object({}) }, async ({ ctx, params }) =>
  NextResponse.json(await revealWebhookSecret(ctx, String(params.id)), { headers: { "cache-control": "no-store" } }),
);
