import { centsToDollars, dollarsToCents } from "@/lib/money";
import { MturkRequestError } from "@/lib/marketplace/errors";

/** MTurk amounts are USD strings ("5", "0.25"); HITdesk keeps integer cents. */
export function parseAmount(value: string, field: string): number {
  if (!/^[0-9]+(\.)?[0-9]{0,2}$/.test(value)) {
    throw new MturkRequestError("AWS.MechanicalTurk.InvalidParameterValue", `${field} '${value}' is not a valid amount: use dollars with at most two decimals, e.g. 0.25`);
  }
  return dollarsToCents(value);
}

export const formatCents = centsToDollars;
