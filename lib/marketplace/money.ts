import { MturkRequestError } from "@/lib/marketplace/errors";

/** MTurk amounts are USD strings ("5", "0.25"); HITdesk keeps integer cents. */
export function parseAmount(value: string, field: string): number {
  if (!/^[0-9]+(\.)?[0-9]{0,2}$/.test(value)) {
    throw new MturkRequestError("AWS.MechanicalTurk.InvalidParameterValue", `${field} '${value}' is not a valid amount: use dollars with at most two decimals, e.g. 0.25`);
  }
  const [dollars, cents = ""] = value.split(".");
  return Number(dollars) * 100 + Number(cents.padEnd(2, "0"));
}

export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
