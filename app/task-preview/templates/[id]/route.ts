import { z } from "zod";
import { withTeam } from "@/lib/auth/guard";
import { NotFound } from "@/lib/errors";
import { taskOrigins } from "@/lib/http/task-origins";
import { taskNoticeDocument, taskResponse } from "@/lib/mturk-formats/task-html";
import { previewTaskDocument } from "@/lib/projects/preview-task";
import { findTemplate, templateSampleValues } from "@/lib/projects/templates";

/** A template's task with its sample row, for the thumbnails of the template picker: served as task content (sandboxed, opaque origin). */
export const GET = withTeam({ role: "viewer", input: z.object({}) }, ({ request, params }) => {
  const template = findTemplate(String(params.id));
  if (!template) throw new NotFound("No such template");
  const origins = taskOrigins(request);
  const doc = previewTaskDocument({ task: template.design.task, values: templateSampleValues(template.id) }, origins.self);
  // A thumbnail never loads the requester's own website: it names it.
  const html = "redirect" in doc ? taskNoticeDocument({ title: "Your website, in a frame", message: new URL(doc.redirect).origin }) : doc.html;
  return taskResponse(html, 200, origins);
});
