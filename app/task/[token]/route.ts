import { NextResponse } from "next/server";
import { appUrl } from "@/lib/env";
import { taskContent } from "@/lib/marketplace/worker-site/task-content";
import { taskResponse } from "@/lib/marketplace/worker-site/task-html";

// Task content for the worker site's task frame, authorised by the signed token in the path.
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const content = await taskContent((await params).token);
  if ("redirect" in content) return NextResponse.redirect(content.redirect, 302);
  return taskResponse(content.html, content.status, appUrl());
}
