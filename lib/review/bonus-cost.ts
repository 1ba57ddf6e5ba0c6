import "server-only";
import { teamFees } from "@/lib/batches/fee-schedule";
import { bonusFeeCents } from "@/lib/mturk-formats/fees";
import type { EnvironmentName } from "@/lib/scope";

export interface BonusCost {
  count: number;
  bonusCents: number;
  feeCents: number;
  totalCents: number;
  /** Whose fee schedule the estimate uses. */
  feeBasis: string;
}

/** What paying these bonuses costs, fees included (each bonus's fee is rounded on its own, as charged). */
export async function bonusCost(teamId: string, environment: EnvironmentName, amountsCents: number[]): Promise<BonusCost> {
  const { schedule, builtin } = await teamFees(teamId, environment);
  const bonusCents = amountsCents.reduce((s, c) => s + c, 0);
  const feeCents = amountsCents.reduce((s, c) => s + bonusFeeCents(c, schedule), 0);
  return {
    count: amountsCents.length,
    bonusCents,
    feeCents,
    totalCents: bonusCents + feeCents,
    feeBasis: builtin ? `the built-in marketplace's ${schedule.commissionPercent}% fee` : "MTurk's 20% bonus fee",
  };
}
