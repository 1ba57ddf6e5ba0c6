import "server-only";
import { db } from "@/lib/db";
import { deliverUntilNoneDue, nextAttemptAt } from "@/lib/http/signed-delivery";
import { sendMail } from "@/lib/mail";

/** Longer than one SMTP exchange can take: a claim outlives its attempt unless the instance died. */
const CLAIM_MS = 60_000;
const BATCH = 20;
const CONCURRENCY = 2;

interface ClaimedEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
  /** This attempt's number (1 for the first). */
  attempts: number;
}

/**
 * Takes up to `limit` due e-mails and counts the attempt now. FOR UPDATE SKIP LOCKED: instances
 * sharing the database take different messages, and the claim keeps the others off these
 * until it lapses, so a message is sent once (SMTP has no idempotency key to fall back on).
 */
async function claimEmails(limit: number, teamId: string | null): Promise<ClaimedEmail[]> {
  return db.$queryRaw<ClaimedEmail[]>`
    UPDATE "NotificationEmail" m SET "lockedUntil" = now() + (${CLAIM_MS} * interval '1 millisecond'), attempts = m.attempts + 1
    WHERE m.id IN (
      SELECT q.id FROM "NotificationEmail" q JOIN "Notification" n ON n.id = q."notificationId"
      WHERE q.status = 'pending' AND q."nextAttemptAt" <= now() AND (q."lockedUntil" IS NULL OR q."lockedUntil" < now())
        AND (${teamId}::text IS NULL OR n."teamId" = ${teamId})
      ORDER BY q."nextAttemptAt" LIMIT ${limit} FOR UPDATE OF q SKIP LOCKED)
    RETURNING m.id, m."to", m.subject, m.text, m.attempts`;
}

/** Sends one message; a failure is retried on the webhooks' schedule, then marked failed. */
async function deliver(m: ClaimedEmail, send: typeof sendMail): Promise<void> {
  let error: string | null = null;
  try {
    if (!(await send(m.to, m.subject, m.text))) error = "SMTP is not configured (SMTP_URL)";
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  const now = new Date();
  const retryAt = error ? nextAttemptAt(m.attempts, now) : null;
  await db.notificationEmail.update({
    where: { id: m.id },
    data: { status: error ? (retryAt ? "pending" : "failed") : "sent", lockedUntil: null, lastError: error?.slice(0, 500) ?? null, ...(retryAt ? { nextAttemptAt: retryAt } : { finishedAt: now }) },
  });
}

/**
 * One round of e-mail delivery: claims and sends due messages until none is due; returns the
 * attempts made. `teamId` limits it to one team (a test sends its own team's mail); `send`
 * replaces SMTP in tests that need a failure.
 */
export async function deliverDueEmails(options: { teamId?: string; signal?: AbortSignal; send?: typeof sendMail } = {}): Promise<number> {
  const send = options.send ?? sendMail;
  return deliverUntilNoneDue(
    () => claimEmails(BATCH, options.teamId ?? null),
    (m) => deliver(m, send),
    { concurrency: CONCURRENCY, signal: options.signal },
  );
}
