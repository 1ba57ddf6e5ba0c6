/** Display helpers for the HITs pages; pure, for server and client components. */
export const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

const DATE = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });

/** Times in UTC (the labels say so), so a shared link reads the same everywhere. */
export const shortTime = (iso: string | Date | null | undefined) => (iso ? DATE.format(new Date(iso)) : "—");

export function relative(iso: string | Date, now = Date.now()): string {
  const s = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(s);
  const text = abs < 90 ? `${abs} s` : abs < 5400 ? `${Math.round(abs / 60)} min` : abs < 129_600 ? `${Math.round(abs / 3600)} h` : `${Math.round(abs / 86_400)} d`;
  return s >= 0 ? `in ${text}` : `${text} ago`;
}
