import { centsToDollars } from "@/lib/money";

// Defined with the MTurk formats, which may import nothing of the dashboard; the same words everywhere.
export { plural } from "@/lib/mturk-formats/plural";

/**
 * How amounts, durations and times read on HITdesk's pages. Pure, for server and client
 * components alike; fixed to en-US and UTC where the server renders, so the server's and the
 * browser's text match and a shared link reads the same everywhere.
 */

/** "1,204": a count as every page writes it. */
export const count = (n: number) => n.toLocaleString("en-US");

/** "$0.25", "$1,234.56", "-$0.75", "—" for no amount. Cents through lib/money, so pages and the marketplace never round differently. */
export function dollars(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "—";
  const [whole, fraction] = centsToDollars(Math.abs(cents)).split(".");
  return `${cents < 0 ? "-" : ""}$${Number(whole).toLocaleString("en-US")}.${fraction}`;
}

/** "97.5%" approved of the decided work; "—" while nothing is decided (not a perfect 100%). */
export function approvalPercent(approved: number, rejected: number): string {
  const decided = approved + rejected;
  return decided === 0 ? "—" : `${((approved / decided) * 100).toFixed(1)}%`;
}

/** "$7.25/h", "—" when there is no time to base it on. */
export function dollarsPerHour(cents: number | null): string {
  return cents === null ? "—" : `${dollars(cents)}/h`;
}

/** A median task time: "45 s", "2.5 min". */
export function briefDuration(seconds: number | null): string {
  return seconds === null ? "—" : seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 6) / 10} min`;
}

/** "3d 4h", "2h 05m", "45s": the largest two units of a duration. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3_600);
  const m = Math.floor((s % 3_600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, "0")}m`;
  if (m > 0) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
  return `${s}s`;
}

/** "2h 05m ago", "never". */
export function ago(iso: string | null, now: number): string {
  return iso ? `${duration(now - new Date(iso).getTime())} ago` : "never";
}

/** "in 5 min", "3 h ago": one rounded unit, for times in a list. */
export function relative(iso: string | Date, now = Date.now()): string {
  const s = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(s);
  const text = abs < 90 ? `${abs} s` : abs < 5400 ? `${Math.round(abs / 60)} min` : abs < 129_600 ? `${Math.round(abs / 3600)} h` : `${Math.round(abs / 86_400)} d`;
  return s > 0 ? `in ${text}` : `${text} ago`;
}

/** "12 s ago", "3 min ago", "never": when something last happened (a clock a little ahead never reads "in 1 s"). */
export function timeAgo(iso: string | null, now = Date.now()): string {
  return iso ? relative(new Date(Math.min(new Date(iso).getTime(), now)), now) : "never";
}

const SHORT_UTC = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });

/** "Jan 5, 08:00" in UTC (the labels say so). */
export const shortTime = (iso: string | Date | null | undefined) => (iso ? SHORT_UTC.format(new Date(iso)) : "—");

/**
 * A chart bucket's start, already in the viewer's wall-clock time ("2026-12-06" or
 * "2026-12-06T14:00"), in the viewer's locale: "Sun, Dec 6", "Dec 6, 2 PM". Client components
 * only (it reads the browser's locale): the figures come from an API that bucketed them in the
 * browser's time zone.
 */
export function localBucketLabel(bucket: string, unit: "day" | "hour", locale?: string): string {
  const wallClock = new Date(`${bucket.length === 10 ? `${bucket}T00:00` : bucket}:00Z`);
  const parts: Intl.DateTimeFormatOptions = unit === "day" ? { weekday: "short", month: "short", day: "numeric" } : { month: "short", day: "numeric", hour: "numeric" };
  return new Intl.DateTimeFormat(locale, { ...parts, timeZone: "UTC" }).format(wallClock);
}
