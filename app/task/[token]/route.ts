import { NextResponse } from "next/server";
import { taskOrigins } from "@/lib/http/task-origins";
import { taskContent } from "@/lib/marketplace/worker-site/task-content";
import { taskResponse } from "@/lib/mturk-formats/task-html";

// Task content for the worker site's task frame, authorised by the signed token in the path.
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const origins = taskOrigins(request);
  const content = await taskContent((await params).token, origins.self);
  if ("redirect" in content) return NextResponse.redirect(content.redirect, 302);
  return taskResponse(content.html, content.status, origins);
}
