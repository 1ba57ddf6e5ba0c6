import "server-only";
import { appUrl } from "@/lib/env";
import { signToken, verifyToken } from "@/lib/marketplace/worker-site/signed-token";
import { PREVIEW_ASSIGNMENT_ID } from "@/lib/mturk-formats/task-html";

/**
 * Links to task content. The token in the path says what the document is for and whom, so the
 * content route and the externalSubmit route need no cookie (task content runs in an opaque
 * origin that never gets one) and a form can only ever submit the assignment it was given.
 */
export type TaskToken =
  { k: "assignment"; assignmentId: string; workerId: string } | { k: "preview"; hitId: string } | { k: "qualification-test"; qualificationTypeId: string; workerId: string; expiresAt: number };

export function taskToken(token: TaskToken): string {
  return signToken("task", token);
}

export function readTaskToken(token: string): TaskToken | null {
  return verifyToken<TaskToken>("task", token);
}

/** Where task content posts: `<turkSubmitTo>/mturk/externalSubmit`, as on MTurk. */
export function turkSubmitTo(token: string, origin: string = appUrl()): string {
  return `${origin}/task/${token}`;
}

export function externalSubmitUrl(token: string, origin: string = appUrl()): string {
  return `${turkSubmitTo(token, origin)}/mturk/externalSubmit`;
}

/** The URL parameters MTurk gives a task; in preview only assignmentId and hitId. */
export function taskParams(p: { assignmentId?: string; hitId: string; workerId?: string; token: string; origin?: string }): URLSearchParams {
  const params = new URLSearchParams({ assignmentId: p.assignmentId ?? PREVIEW_ASSIGNMENT_ID, hitId: p.hitId });
  if (p.assignmentId && p.workerId) {
    params.set("workerId", p.workerId);
    params.set("turkSubmitTo", turkSubmitTo(p.token, p.origin));
  }
  return params;
}
