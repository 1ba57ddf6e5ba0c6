import { NextResponse } from "next/server";
import { withTeam } from "@/lib/auth/guard";
import { taskOrigins } from "@/lib/http/task-origins";
import { taskResponse } from "@/lib/mturk-formats/task-html";
import { previewTaskDocument, TaskPreviewForm } from "@/lib/projects/preview-task";

/**
 * The project editor's live preview. The editor posts a form targeting its preview frame, so
 * the document keeps MTurk's preview parameters in its URL; it is served like task content
 * (sandboxed, opaque origin), never as part of the dashboard.
 */
export const POST = withTeam(
  { role: "viewer", input: TaskPreviewForm, body: "form", invalid: (request) => taskResponse("The preview request could not be read.", 400, taskOrigins(request)) },
  ({ input, request }) => {
    const origins = taskOrigins(request);
    const doc = previewTaskDocument(input.payload, origins.self);
    if ("redirect" in doc) return NextResponse.redirect(doc.redirect, 303);
    return taskResponse(doc.html, 200, origins);
  },
);
