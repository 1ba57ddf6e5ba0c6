import { NextResponse } from "next/server";
import { currentTeamContext } from "@/lib/auth/session";
import { appUrl } from "@/lib/env";
import { taskResponse } from "@/lib/marketplace/worker-site/task-html";
import { previewTaskDocument, TaskPreviewInput } from "@/lib/projects/preview-task";

/**
 * The project editor's live preview. The editor posts a form targeting its preview frame, so
 * the document keeps MTurk's preview parameters in its URL; it is served like task content
 * (sandboxed, opaque origin), never as part of the dashboard.
 */
export async function POST(request: Request) {
  if (!(await currentTeamContext())) return NextResponse.json({ error: "Sign in to continue" }, { status: 401 });
  let input: TaskPreviewInput;
  try {
    const form = await request.formData();
    input = TaskPreviewInput.parse(JSON.parse(String(form.get("payload") ?? "")));
  } catch {
    return taskResponse("The preview request could not be read.", 400, appUrl());
  }
  const doc = previewTaskDocument(input, appUrl());
  if ("redirect" in doc) return NextResponse.redirect(doc.redirect, 303);
  return taskResponse(doc.html, 200, appUrl());
}
