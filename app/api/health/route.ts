import { NextResponse } from "next/server";
import { checkDatabase } from "@/lib/health/check-database";

// Liveness and the database: says nothing about data, so it needs no session. A database that
// does not answer `select 1` within 2 s makes HITdesk unhealthy (503), so a stalled install shows.
export const dynamic = "force-dynamic";

export async function GET() {
  const database = await checkDatabase(2000);
  return NextResponse.json(database.ok ? { ok: true, database: { ok: true, ms: database.ms } } : { ok: false, database: { ok: false, error: database.error } }, {
    status: database.ok ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
