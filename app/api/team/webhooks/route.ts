import { NextResponse } from "next/server";
import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhooks/endpoints";
import { CreateWebhookInput } from "@/lib/webhooks/webhook-input";

export const GET = withTeam({ role: "admin", input: z.object({}) }, ({ ctx }) => listWebhookEndpoints({ teamId: ctx.team.id, environment: ctx.environment }));
// The answer carries the signing secret: never stored by a cache on the way.
export const POST = withTeam({ role: "admin", input: CreateWebhookInput }, async ({ ctx, input }) =>
  NextResponse.json(await createWebhookEndpoint(ctx, input), { headers: { "cache-control": "no-store" } }),
);
