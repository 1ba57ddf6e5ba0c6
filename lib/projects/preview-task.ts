import "server-only";
import { z } from "zod";
import { questionContent } from "@/lib/mturk-formats/question";
import { parseQuestionForm, QuestionFormError } from "@/lib/mturk-formats/question-form";
import { renderQuestionFormDocument } from "@/lib/mturk-formats/question-form-document";
import { PREVIEW_ASSIGNMENT_ID, prepareTaskHtml, taskNoticeDocument } from "@/lib/mturk-formats/task-html";
import { XmlShapeError } from "@/lib/mturk-formats/xml-tree";
import { TaskDesign, questionForRow } from "@/lib/projects/project-design";

export const TaskPreviewInput = z.object({ task: TaskDesign, values: z.record(z.string(), z.string()).default({}) });
export type TaskPreviewInput = z.infer<typeof TaskPreviewInput>;

/** The editor's preview form: TaskPreviewInput as JSON in one field, posted into the preview frame. */
export const TaskPreviewForm = z.object({
  payload: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "The payload is not valid JSON" });
        return z.NEVER;
      }
    })
    .pipe(TaskPreviewInput),
});

/**
 * A task as a worker previews it, with one row's values: the same HTML rewriting and QuestionForm
 * rendering as the worker site, so what the requester sees is what workers get.
 */
export function previewTaskDocument(input: TaskPreviewInput, origin: string): { html: string } | { redirect: string } {
  const filled = Object.fromEntries(Object.entries(input.values));
  let question: string;
  try {
    question = questionForRow(input.task, new Proxy(filled, { get: (t, k: string) => t[k] ?? `\${${k}}` }));
  } catch (e) {
    return { html: taskNoticeDocument({ title: "Preview unavailable", message: (e as Error).message }) };
  }
  const content = questionContent(question);
  if (content.kind === "HTMLQuestion") return { html: prepareTaskHtml(content.html, { origin, submitUrl: null }) };
  if (content.kind === "ExternalQuestion") {
    try {
      const url = new URL(content.url);
      url.searchParams.set("assignmentId", PREVIEW_ASSIGNMENT_ID);
      return { redirect: url.toString() };
    } catch {
      return { html: taskNoticeDocument({ title: "Preview unavailable", message: `"${content.url}" is not a URL` }) };
    }
  }
  try {
    return { html: renderQuestionFormDocument(parseQuestionForm(content.xml), { action: "about:blank", hiddenFields: {}, preview: true }) };
  } catch (e) {
    if (e instanceof QuestionFormError || e instanceof XmlShapeError) return { html: taskNoticeDocument({ title: "The QuestionForm is not valid", message: e.message }) };
    throw e;
  }
}
