import { NextResponse } from "next/server";
import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { CreateApiKeyInput } from "@/lib/teams/api-key-input";
import { createTeamApiKey, listTeamApiKeys } from "@/lib/teams/api-keys";

export const GET = withTeam({ role: "admin", input: z.object({}) }, ({ ctx }) => listTeamApiKeys(ctx.team.id));
// The answer carries the secret, once: never stored by a cache on the way.
export const POST = withTeam({ role: "admin", input: CreateApiKeyInput }, async ({ ctx, input }) =>
  NextResponse.json(await createTeamApiKey(ctx, input), { headers: { "cache-control": "no-store" } }),
);
