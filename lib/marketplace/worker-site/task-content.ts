import "server-only";
import { db } from "@/lib/db";
import { appUrl } from "@/lib/env";
import { requesterNow } from "@/lib/marketplace/clock";
import { externalSubmitUrl, readTaskToken, taskParams } from "@/lib/marketplace/worker-site/task-links";
import { questionContent } from "@/lib/mturk-formats/question";
import { parseQuestionForm } from "@/lib/mturk-formats/question-form";
import { renderQuestionFormDocument } from "@/lib/mturk-formats/question-form-document";
import { PREVIEW_ASSIGNMENT_ID, prepareTaskHtml, taskNoticeDocument } from "@/lib/mturk-formats/task-html";

export type TaskContent = { html: string; status: number } | { redirect: string };

const notice = (status: number, title: string, message: string): TaskContent => ({ status, html: taskNoticeDocument({ title, message }) });

/**
 * The document a task link shows: the HIT's question for an assignment or a preview, or a
 * qualification test. `origin` is where the browser reached HITdesk, so the document's assets
 * and submit URL work under that host name too.
 */
export async function taskContent(token: string, origin: string = appUrl()): Promise<TaskContent> {
  const t = readTaskToken(token);
  if (!t) return notice(404, "Link not valid", "This task link is not valid. Open the task again from the worker site.");

  if (t.k === "qualification-test") {
    const type = await db.mkQualificationType.findUnique({ where: { id: t.qualificationTypeId }, select: { name: true, test: true, deletedAt: true } });
    if (!type?.test || type.deletedAt) return notice(404, "Test not available", "This qualification test is no longer available.");
    if (Date.now() > t.expiresAt) return notice(410, "Time is up", "The time for this test has run out. Start it again from the Qualifications page.");
    return {
      status: 200,
      html: renderQuestionFormDocument(parseQuestionForm(type.test), { action: externalSubmitUrl(token, origin), hiddenFields: {}, preview: false, title: type.name, submitLabel: "Submit test" }),
    };
  }

  const hitId = t.k === "preview" ? t.hitId : (await db.mkAssignment.findUnique({ where: { id: t.assignmentId }, select: { hitId: true } }))?.hitId;
  const hit = hitId ? await db.mkHit.findUnique({ where: { id: hitId }, select: { id: true, question: true, title: true, disposedAt: true, requesterId: true } }) : null;
  if (!hit || hit.disposedAt) return notice(404, "HIT not available", "This HIT is no longer available.");

  let assignmentId: string | undefined;
  let workerId: string | undefined;
  if (t.k === "assignment") {
    const a = await db.mkAssignment.findUniqueOrThrow({ where: { id: t.assignmentId } });
    if (a.workerId !== t.workerId) return notice(403, "Not your assignment", "This assignment belongs to another worker.");
    if (a.status !== "Accepted") return notice(409, "Already done", `This assignment is ${a.status.toLowerCase()}.`);
    if (a.deadline <= (await requesterNow(a.requesterId))) return notice(410, "Time is up", "The time allotted for this assignment has run out.");
    assignmentId = a.id;
    workerId = a.workerId;
  }
  const preview = t.k === "preview";
  const submitUrl = preview ? null : externalSubmitUrl(token, origin);
  const content = questionContent(hit.question);
  switch (content.kind) {
    case "HTMLQuestion":
      return { status: 200, html: prepareTaskHtml(content.html, { origin, submitUrl }) };
    case "QuestionForm":
      return {
        status: 200,
        html: renderQuestionFormDocument(parseQuestionForm(content.xml), {
          action: submitUrl ?? externalSubmitUrl(token, origin),
          hiddenFields: { assignmentId: assignmentId ?? PREVIEW_ASSIGNMENT_ID },
          preview,
          title: hit.title,
        }),
      };
    case "ExternalQuestion": {
      const url = new URL(content.url);
      for (const [k, v] of taskParams({ assignmentId, hitId: hit.id, workerId, token, origin })) url.searchParams.set(k, v);
      return { redirect: url.toString() };
    }
  }
}
