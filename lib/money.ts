/**
 * Dollar amounts as MTurk writes them ("0.25") to and from integer cents. Pure: used by the
 * marketplace, the dashboard's forms and the sync alike, so no two places round differently.
 */
export function dollarsToCents(amount: string): number {
  const [dollars = "0", cents = ""] = amount.trim().split(".");
  return Number(dollars || "0") * 100 + Number(cents.padEnd(2, "0").slice(0, 2));
}

export function centsToDollars(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
