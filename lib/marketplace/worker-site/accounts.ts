import "server-only";
import { dummyVerify, hashPassword, verifyPassword } from "@/lib/auth/password";
import { throttledSignIn, type LoginClient, type SignInOutcome } from "@/lib/auth/throttled-sign-in";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { entityId } from "@/lib/marketplace/ids";
import { createWorker } from "@/lib/marketplace/work/workers";
import { findUsableInvite, joinWorkforce } from "@/lib/marketplace/worker-site/workforce";
import type { z } from "zod";
import type { WorkerSignInInput, WorkerSignUpInput } from "@/lib/marketplace/worker-site/account-schemas";

export class WorkerAccountError extends Error {
  constructor(
    readonly field: "email" | "invite",
    message: string,
  ) {
    super(message);
  }
}

/**
 * A new worker account with its Worker ID. Without open sign-up an invitation link is
 * required; with one, the worker also joins that requester's workforce.
 */
export async function signUpWorker(input: z.infer<typeof WorkerSignUpInput>): Promise<{ id: string; workerId: string }> {
  const invite = input.invite ? await findUsableInvite(input.invite) : null;
  if (input.invite && !invite) throw new WorkerAccountError("invite", "This invitation link is invalid, used up or expired. Ask the team for a new one.");
  if (!invite && env.HITDESK_WORKER_SIGNUP !== "open") throw new WorkerAccountError("invite", "Sign-up needs an invitation link from a team.");
  if (await db.mkWorkerAccount.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new WorkerAccountError("email", "An account with this email already exists. Sign in instead.");
  }
  const passwordHash = await hashPassword(input.password);
  const accountId = entityId();
  try {
    await db.mkWorkerAccount.create({ data: { id: accountId, email: input.email, passwordHash, displayName: input.displayName } });
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw new WorkerAccountError("email", "An account with this email already exists. Sign in instead.");
    throw e;
  }
  const worker = await createWorker({ displayName: input.displayName, accountRef: accountId });
  if (input.invite) await joinWorkforce(input.invite, worker.id);
  return { id: accountId, workerId: worker.id };
}

/** Checks a worker's email and password, throttled like the dashboard's sign-in. */
export async function signInWorker(input: z.infer<typeof WorkerSignInInput>, client: LoginClient): Promise<SignInOutcome<{ id: string }>> {
  return throttledSignIn("worker", input.email, client, async () => {
    const account = await db.mkWorkerAccount.findUnique({ where: { email: input.email }, select: { id: true, passwordHash: true } });
    const valid = account ? await verifyPassword(account.passwordHash, input.password) : await dummyVerify(input.password);
    return account && valid ? { id: account.id } : null;
  });
}
