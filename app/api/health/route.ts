import { NextResponse } from "next/server";

// Liveness only: says nothing about data, so it needs no session.
export function GET() {
  return NextResponse.json({ ok: true });
}
