"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientIp } from "@/lib/auth/auth";
import { clearFailedLogins, isLoginRateLimited, recordFailedLogin } from "@/lib/auth/login-rate-limit";
import { QualificationRequestRefused, requestQualification } from "@/lib/marketplace/work/request-qualification";
import { returnAssignment } from "@/lib/marketplace/work/return-assignment";
import { WorkRefused } from "@/lib/marketplace/work/work-refused";
import { signInWorker, signUpWorker, WorkerAccountError } from "@/lib/marketplace/worker-site/accounts";
import { WorkerSignInInput, WorkerSignUpInput } from "@/lib/marketplace/worker-site/schemas";
import { endWorkerSession, requireWorker, startWorkerSession } from "@/lib/marketplace/worker-site/session";
import { acceptFromGroup } from "@/lib/marketplace/worker-site/work";
import { canSeeRequester, joinWorkforce } from "@/lib/marketplace/worker-site/workforce";
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
    await startWorkerSession(account);
  } catch (e) {
    if (e instanceof WorkerAccountError) return e.field === "form" ? { values, error: e.message } : { values, fieldErrors: { [e.field]: e.message } };
    throw e;
  }
  redirect("/worker?welcome=1");
}

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = WorkerSignInInput.safeParse({ email: text(form, "email"), password: text(form, "password") });
  const values = { email: text(form, "email") ?? "" };
  if (!parsed.success) return { values, error: parsed.error.issues[0]?.message ?? "Check the form" };
  const key = `worker:${parsed.data.email}`;
  const ip = clientIp(await headers());
  if (await isLoginRateLimited(key, ip)) return { values, error: "Too many attempts. Wait 15 minutes and try again." };
  try {
    const account = await signInWorker(parsed.data);
    await clearFailedLogins(key);
    await startWorkerSession(account);
  } catch (e) {
    if (!(e instanceof WorkerAccountError)) throw e;
    await recordFailedLogin(key, ip);
    return { values, error: e.message };
  }
  const invite = text(form, "invite");
  redirect(invite ? `/worker/join/${encodeURIComponent(invite)}` : safeNext(form.get("next")));
}

export async function signOutAction(): Promise<void> {
  await endWorkerSession();
  redirect("/worker/sign-in");
}

export async function joinAction(token: string): Promise<FormState> {
  const worker = await requireWorker(`/worker/join/${encodeURIComponent(token)}`);
  const joined = await joinWorkforce(token, worker.workerId);
  if (!joined) return { error: "This invitation link is invalid, used up or expired. Ask the team for a new one." };
  redirect(`/worker?joined=${encodeURIComponent(joined.requesterName)}`);
}

export async function acceptAction(hitTypeId: string): Promise<FormState> {
  const worker = await requireWorker(`/worker/groups/${hitTypeId}`);
  let assignmentId: string;
  try {
    assignmentId = await acceptFromGroup(worker.workerId, hitTypeId);
  } catch (e) {
    if (e instanceof WorkRefused) return { error: e.message };
    throw e;
  }
  redirect(`/worker/tasks/${assignmentId}`);
}

export async function returnAction(assignmentId: string): Promise<FormState> {
  const worker = await requireWorker(`/worker/tasks/${assignmentId}`);
  try {
    await returnAssignment({ assignmentId, workerId: worker.workerId });
  } catch (e) {
    if (e instanceof WorkRefused) return { error: e.message };
    throw e;
  }
  redirect("/worker?returned=1");
}

/** A request without a test (auto-granted types, or types the requester decides by hand). */
export async function requestQualificationAction(qualificationTypeId: string): Promise<FormState & { done?: string }> {
  const worker = await requireWorker("/worker/qualifications");
  const type = await db.mkQualificationType.findUnique({ where: { id: qualificationTypeId }, select: { requesterId: true } });
  if (!type || !(await canSeeRequester(worker.workerId, type.requesterId))) return { error: "This qualification is not available to you." };
  try {
    const result = await requestQualification({ workerId: worker.workerId, qualificationTypeId });
    return { done: result.status === "Granted" ? `Granted with a score of ${result.value}.` : "Requested. The requester will decide." };
  } catch (e) {
    if (e instanceof QualificationRequestRefused) return { error: e.message };
    throw e;
  }
}
