import "server-only";
import { db } from "@/lib/db";
import { dollars } from "@/lib/format";
import { dollarsToCents } from "@/lib/money";
import { testConnection } from "@/lib/mturk/connections";
import { notificationWrites, notify } from "@/lib/notifications/notify";
import { needsAttention, openBatchCostCents } from "@/lib/overview/team-overview";
import type { Scope } from "@/lib/scope";

const HOUR_MS = 3_600_000;
/** Auto-approvals are announced at most once per window of this length (UTC, from midnight). */
const AUTO_APPROVE_WINDOW_MS = 6 * HOUR_MS;

/**
 * Submitted work MTurk approves on its own within 6 h, nobody having reviewed it: one
 * notification per team, environment and 6-hour window while there is any (the figure is the
 * overview's "needs attention" one). Work counted in one window is approved by the end of the
 * next, so a later window's notification is about other assignments.
 */
export async function checkAutoApproveSoon(scope: Scope, now = new Date()): Promise<void> {
  const { autoApproveWithin6h: count } = await needsAttention(scope, now);
  if (count === 0) return;
  const window = new Date(Math.floor(now.getTime() / AUTO_APPROVE_WINDOW_MS) * AUTO_APPROVE_WINDOW_MS);
  await notify(scope, [
    {
      type: "AutoApproveSoon",
      key: window.toISOString(),
      occurredAt: now,
      title: `${count.toLocaleString("en-US")} assignment${count === 1 ? "" : "s"} approve on their own within 6 h`,
      body: "Nobody has reviewed them yet: MTurk approves and pays them when their auto-approval time comes.",
      href: "/review?dueWithinHours=6",
    },
  ]);
}

const BALANCE_LOW = "BalanceLow";

/**
 * Production only: notifies once when the balance drops below what running batches may still
 * cost, and not again until it has risen back above and dropped again. The episode is a row
 * (NotificationCondition) whose start is claimed by one conditional write, so two checks at
 * once start it once; the notification's key is the episode's start.
 */
export async function checkBalanceLow(scope: Scope, now = new Date(), balance: (scope: Scope) => Promise<number | null> = productionBalanceCents): Promise<void> {
  if (scope.environment !== "production") return;
  const needed = await openBatchCostCents(scope);
  const available = needed > 0 ? await balance(scope) : null;
  if (needed > 0 && available === null) return; // The balance cannot be read now: no change either way.
  const low = available !== null && available < needed;
  if (!low) {
    await db.notificationCondition.updateMany({ where: { ...scope, condition: BALANCE_LOW, activeSince: { not: null } }, data: { activeSince: null, checkedAt: now } });
    return;
  }
  await db.$transaction(async (tx) => {
    const started = await tx.$queryRaw<{ activeSince: Date }[]>`
      INSERT INTO "NotificationCondition" ("teamId", environment, condition, "activeSince", "checkedAt")
      VALUES (${scope.teamId}, ${scope.environment}::"Environment", ${BALANCE_LOW}, ${now}, ${now})
      ON CONFLICT ("teamId", environment, condition) DO UPDATE SET "activeSince" = EXCLUDED."activeSince", "checkedAt" = EXCLUDED."checkedAt"
        WHERE "NotificationCondition"."activeSince" IS NULL
      RETURNING "activeSince"`;
    if (!started[0]) return;
    const [write] = notificationWrites(
      scope,
      [
        {
          type: "BalanceLow",
          key: started[0].activeSince.toISOString(),
          occurredAt: now,
          title: `Production balance is low: ${dollars(available)}`,
          body: `Running batches may still cost up to ${dollars(needed)}. Work that cannot be paid for stops being accepted; add funds to your account.`,
          href: "/",
        },
      ],
      tx,
    );
    await write;
  });
}

async function productionBalanceCents(scope: Scope): Promise<number | null> {
  const result = await testConnection(scope.teamId, scope.environment);
  return result.ok ? dollarsToCents(result.availableBalance) : null;
}

/** A cache not synced this recently is too old to judge auto-approvals by. */
const FRESH_WITHIN_MS = 15 * 60 * 1000;

/**
 * One round of condition checks over every team and environment whose cache is kept fresh by
 * the sync. Each check is idempotent (unique notification keys, conditional episode starts),
 * so a round that runs twice, or in two instances, notifies once; the caller still runs it in
 * one instance at a time. A failing team is logged and the round moves on.
 */
export async function runNotificationChecks(now = new Date(), options: { teamId?: string; balance?: (scope: Scope) => Promise<number | null> } = {}): Promise<number> {
  const fresh = await db.syncState.findMany({
    where: { finishedAt: { gte: new Date(now.getTime() - FRESH_WITHIN_MS) }, ...(options.teamId ? { teamId: options.teamId } : {}) },
    select: { teamId: true, environment: true },
  });
  for (const scope of fresh) {
    try {
      await checkAutoApproveSoon(scope, now);
      await checkBalanceLow(scope, now, options.balance);
    } catch (e) {
      console.error(`[notifications] checks of team ${scope.teamId} (${scope.environment}) failed`, e);
    }
  }
  return fresh.length;
}
