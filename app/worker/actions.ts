"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { deviceCookieValue, rememberDevice } from "@/lib/auth/login-device";
import { ChangePasswordInput } from "@/lib/auth/schemas";
import { currentLoginClient, rateLimitedMessage } from "@/lib/auth/throttled-sign-in";
import { QualificationRequestRefused, requestQualification } from "@/lib/marketplace/work/request-qualification";
import { returnAssignment } from "@/lib/marketplace/work/return-assignment";
import { WorkRefused } from "@/lib/marketplace/work/work-refused";
import { signInWorker, signUpWorker, WorkerAccountError } from "@/lib/marketplace/worker-site/accounts";
import { changeWorkerPassword } from "@/lib/marketplace/worker-site/change-worker-password";
import { WorkerSignInInput, WorkerSignUpInput } from "@/lib/marketplace/worker-site/account-schemas";
import { endWorkerSession, endWorkerSessions, startWorkerSession } from "@/lib/marketplace/worker-site/session";
import { isSubmittedBy } from "@/lib/marketplace/worker-site/submission-status";
import { acceptFromGroup } from "@/lib/marketplace/worker-site/work";
import { canSeeRequester, joinWorkforce } from "@/lib/marketplace/worker-site/workforce";
import { withWorker } from "@/lib/marketplace/worker-site/with-worker";
import { db } from "@/lib/db";

export interface FormState {
  error?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
}

const safeNext = (next: FormDataEntryValue | null) => (typeof next === "string" && next.startsWith("/worker") && !next.startsWith("//") ? next : "/worker");
const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : undefined;
};

export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  const raw = { displayName: text(form, "displayName"), email: text(form, "email"), password: text(form, "password"), confirm: text(form, "confirm"), invite: text(form, "invite") || undefined };
  const values = { displayName: raw.displayName ?? "", email: raw.email ?? "" };
  const parsed = WorkerSignUpInput.safeParse(raw);
  if (!parsed.success) {
    return { values, fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "form"), i.message])) };
  }
  try {
    const account = await signUpWorker(parsed.data);
    await startWorkerSession(account.id);
    // This browser is the new account's own: a stranger's guesses will not lock it out.
    await rememberDevice("worker", deviceCookieValue("worker", parsed.data.email, null));
  } catch (e) {
    if (e instanceof WorkerAccountError) return { values, fieldErrors: { [e.field]: e.message } };
    throw e;
  }
  redirect("/worker?welcome=1");
}

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = WorkerSignInInput.safeParse({ email: text(form, "email"), password: text(form, "password") });
  const values = { email: text(form, "email") ?? "" };
  if (!parsed.success) return { values, error: parsed.error.issues[0]?.message ?? "Check the form" };
  const result = await signInWorker(parsed.data, await currentLoginClient("worker", await headers()));
  if (!result.ok) {
    return { values, error: result.reason === "rate_limited" ? rateLimitedMessage(result.retryAfterSeconds) : "That email and password do not match a worker account." };
  }
  await rememberDevice("worker", result.deviceCookie);
  await startWorkerSession(result.value.id);
  const invite = text(form, "invite");
  redirect(invite ? `/worker/join/${encodeURIComponent(invite)}` : safeNext(form.get("next")));
}

export async function signOutAction(): Promise<void> {
  await endWorkerSession();
  redirect("/worker/sign-in");
}

export const signOutEverywhereAction = withWorker({ returnTo: "/worker/account" }, async (worker): Promise<void> => {
  await endWorkerSessions(worker.accountId, false);
  await endWorkerSession();
  redirect("/worker/sign-in?notice=signed-out-everywhere");
});

export const changePasswordAction = withWorker({ returnTo: "/worker/account" }, async (worker, _prev: FormState & { done?: boolean }, form: FormData): Promise<FormState & { done?: boolean }> => {
  const parsed = ChangePasswordInput.safeParse({ current: text(form, "current"), password: text(form, "password"), confirm: text(form, "confirm") });
  if (!parsed.success) return { fieldErrors: Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])) };
  const wrongCurrent = await changeWorkerPassword(worker.accountId, parsed.data);
  return wrongCurrent ? { fieldErrors: { current: wrongCurrent } } : { done: true };
});

const INVALID_INVITE: FormState = { error: "This invitation link is invalid, used up or expired. Ask the team for a new one." };

export const joinAction = withWorker({ returnTo: (token: string) => `/worker/join/${encodeURIComponent(token)}`, refused: INVALID_INVITE }, async (worker, token: string): Promise<FormState> => {
  const joined = await joinWorkforce(token, worker.workerId);
  if (!joined) return INVALID_INVITE;
  redirect(`/worker?joined=${encodeURIComponent(joined.requesterName)}`);
});

export const acceptAction = withWorker(
  { returnTo: (hitTypeId: string) => `/worker/groups/${hitTypeId}`, refused: { error: "This HIT group is not available." } },
  async (worker, hitTypeId: string): Promise<FormState> => {
    let assignmentId: string;
    try {
      assignmentId = await acceptFromGroup(worker.workerId, hitTypeId);
    } catch (e) {
      if (e instanceof WorkRefused) return { error: e.message };
      throw e;
    }
    redirect(`/worker/tasks/${assignmentId}`);
  },
);

/** The server's word on whether an assignment was submitted (a task frame's message is not proof). */
export const submissionConfirmedAction = withWorker({ returnTo: (assignmentId: string) => `/worker/tasks/${assignmentId}`, refused: false }, async (worker, assignmentId: string): Promise<boolean> =>
  isSubmittedBy(worker.workerId, assignmentId),
);

export const returnAction = withWorker(
  { returnTo: (assignmentId: string) => `/worker/tasks/${assignmentId}`, refused: { error: "This assignment is not yours to return." } },
  async (worker, assignmentId: string): Promise<FormState> => {
    try {
      await returnAssignment({ assignmentId, workerId: worker.workerId });
    } catch (e) {
      if (e instanceof WorkRefused) return { error: e.message };
      throw e;
    }
    redirect("/worker?returned=1");
  },
);

const QUALIFICATION_UNAVAILABLE = { error: "This qualification is not available to you." };

/** A request without a test (auto-granted types, or types the requester decides by hand). */
export const requestQualificationAction = withWorker(
  { returnTo: "/worker/qualifications", refused: QUALIFICATION_UNAVAILABLE },
  async (worker, qualificationTypeId: string): Promise<FormState & { done?: string }> => {
    const type = await db.mkQualificationType.findUnique({ where: { id: qualificationTypeId }, select: { requesterId: true } });
    if (!type || !(await canSeeRequester(worker.workerId, type.requesterId))) return QUALIFICATION_UNAVAILABLE;
    try {
      const result = await requestQualification({ workerId: worker.workerId, qualificationTypeId });
      return { done: result.status === "Granted" ? `Granted with a score of ${result.value}.` : "Requested. The requester will decide." };
    } catch (e) {
      if (e instanceof QualificationRequestRefused) return { error: e.message };
      throw e;
    }
  },
);
