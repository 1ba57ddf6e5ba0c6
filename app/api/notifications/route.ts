import { NextResponse } from "next/server";
import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { listNotifications } from "@/lib/notifications/member-notifications";

// The signed-in member's own notifications: private, never kept by a cache on the way.
export const GET = withTeam({ role: "viewer", input: z.object({}) }, async ({ ctx }) => NextResponse.json(await listNotifications(ctx), { headers: { "cache-control": "no-store" } }));
