import "server-only";
import { db } from "@/lib/db";

/** How long a notification (and its e-mail's record) is kept: the bell lists the recent ones only. */
export const KEEP_DAYS = 90;

/**
 * Deletes notifications older than KEEP_DAYS, e-mails with them, so the table stays the size of
 * three months of events. An occurrence still true after that (a request pending for months)
 * may notify once more when it is seen again: a reminder, not a duplicate.
 */
export async function pruneNotifications(now = new Date()): Promise<number> {
  const { count } = await db.notification.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - KEEP_DAYS * 86_400_000) } } });
  return count;
}
