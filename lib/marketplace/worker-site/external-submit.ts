import "server-only";
import { db } from "@/lib/db";
import { controlCharacterProblem } from "@/lib/http/control-characters";
import { QualificationRequestRefused, requestQualification } from "@/lib/marketplace/work/request-qualification";
import { submitAssignment } from "@/lib/marketplace/work/submit-assignment";
import { WorkRefused } from "@/lib/marketplace/work/work-refused";
import { readTaskToken } from "@/lib/marketplace/worker-site/task-links";
import { answersFromSubmittedFields, buildQuestionFormAnswers } from "@/lib/mturk-formats/answers";
import { questionContent } from "@/lib/mturk-formats/question";
import { parseQuestionForm } from "@/lib/mturk-formats/question-form";
import { readQuestionFormSubmission } from "@/lib/mturk-formats/question-form-submission";
import { taskNoticeDocument } from "@/lib/mturk-formats/task-html";

export interface SubmitOutcome {
  status: number;
  html: string;
}

const refused = (status: number, title: string, message: string, kind = "submit-refused"): SubmitOutcome => ({
  status,
  html: taskNoticeDocument({ title, message, event: { type: kind, message } }),
});

/**
 * A form posted to `<turkSubmitTo>/mturk/externalSubmit`. The token in the URL names the one
 * assignment (or qualification test) this form may submit; the answers are stored as MTurk
 * stores them: QuestionFormAnswers XML, fields as FreeText for HTML and external tasks,
 * selections for QuestionForm.
 */
export async function receiveExternalSubmit(token: string, fields: [string, string][]): Promise<SubmitOutcome> {
  const t = readTaskToken(token);
  if (!t) return refused(404, "Link not valid", "This submit link is not valid.");
  if (t.k === "preview") return refused(409, "Preview only", "This is a preview. Accept the HIT before submitting.");
  // Answers are stored as text, which cannot hold NUL: say which field instead of failing.
  for (const [name, value] of fields) {
    const problem = controlCharacterProblem(name) ?? controlCharacterProblem(value);
    if (problem) return refused(400, "Check your answers", `The answer "${name.replace(/[\u0000-\u001f]/g, "?")}" ${problem}.`);
  }

  if (t.k === "qualification-test") {
    if (Date.now() > t.expiresAt) return refused(410, "Time is up", "The time for this test ran out before it was submitted.");
    const type = await db.mkQualificationType.findUnique({ where: { id: t.qualificationTypeId }, select: { test: true } });
    if (!type?.test) return refused(404, "Test not available", "This qualification test is no longer available.");
    const read = readQuestionFormSubmission(parseQuestionForm(type.test), new URLSearchParams(fields));
    if (!read.ok) return refused(422, "Check your answers", read.errors.map((e) => e.message).join(" "));
    try {
      const result = await requestQualification({ workerId: t.workerId, qualificationTypeId: t.qualificationTypeId, answerXml: buildQuestionFormAnswers(read.answers) });
      const message = result.status === "Granted" ? `Your score is ${result.value}.` : "The requester will review your answers.";
      return { status: 200, html: taskNoticeDocument({ title: "Test submitted", message, event: { type: "qualification-submitted", ...result } }) };
    } catch (e) {
      if (e instanceof QualificationRequestRefused) return refused(409, "Not submitted", e.message);
      throw e;
    }
  }

  const posted = fields.find(([name]) => name === "assignmentId")?.[1];
  if (posted !== undefined && posted !== t.assignmentId) return refused(403, "Not submitted", "The form names a different assignment than the one you accepted.");
  const assignment = await db.mkAssignment.findUnique({ where: { id: t.assignmentId }, select: { hitId: true } });
  if (!assignment) return refused(404, "Not submitted", "This assignment does not exist.");
  const hit = await db.mkHit.findUniqueOrThrow({ where: { id: assignment.hitId }, select: { question: true } });
  const content = questionContent(hit.question);
  let answerXml: string;
  if (content.kind === "QuestionForm") {
    const read = readQuestionFormSubmission(parseQuestionForm(content.xml), new URLSearchParams(fields));
    if (!read.ok) return refused(422, "Check your answers", read.errors.map((e) => e.message).join(" "));
    answerXml = buildQuestionFormAnswers(read.answers);
  } else {
    const answers = answersFromSubmittedFields(fields);
    if (answers.length === 0) return refused(422, "Nothing to submit", "The form sent no answers.");
    answerXml = buildQuestionFormAnswers(answers);
  }
  try {
    await submitAssignment({ assignmentId: t.assignmentId, workerId: t.workerId, answerXml });
  } catch (e) {
    if (e instanceof WorkRefused) return refused(409, "Not submitted", e.message);
    throw e;
  }
  return {
    status: 200,
    html: taskNoticeDocument({ title: "Submitted", message: "Thank you! Your work was submitted.", event: { type: "submitted", assignmentId: t.assignmentId } }),
  };
}
