import { NextResponse } from "next/server";
import { withTeam } from "@/lib/auth/guard";
import { RotateApiKeyInput } from "@/lib/teams/api-key-input";
import { rotateTeamApiKey } from "@/lib/teams/api-keys";

// The answer carries the new secret, once: never stored by a cache on the way.
export const POST = withTeam({ role: "admin", input: RotateApiKeyInput }, async ({ ctx, input, params }) =>
  NextResponse.json(await rotateTeamApiKey(ctx, String(params.id), input), { headers: { "cache-control": "no-store" } }),
);
