import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AWS_FEE_SCHEDULE, FeeScheduleInput, bonusFeeCents, defaultFeeSchedule, type FeeSchedule } from "@/lib/mturk-formats/fees";
import type { EnvironmentName } from "@/lib/scope";

export interface BonusCost {
  count: number;
  bonusCents: number;
  feeCents: number;
  totalCents: number;
  /** Whose fee schedule the estimate uses. */
  feeBasis: string;
}

const CONFIGURED = { sandbox: env.HITDESK_MARKETPLACE_FEES_SANDBOX, production: env.HITDESK_MARKETPLACE_FEES_PRODUCTION };

/**
 * The fee schedule to estimate with: the built-in marketplace's for its environment (as
 * configured), MTurk's published 20% commission on bonuses otherwise.
 */
async function feeSchedule(teamId: string, environment: EnvironmentName): Promise<{ schedule: FeeSchedule; basis: string }> {
  const connection = await db.marketplaceConnection.findUnique({ where: { teamId_environment: { teamId, environment } }, select: { kind: true } });
  if (connection?.kind !== "builtin") return { schedule: AWS_FEE_SCHEDULE, basis: "MTurk's 20% bonus fee" };
  const configured = CONFIGURED[environment];
  const schedule = { ...defaultFeeSchedule(environment), ...(configured ? FeeScheduleInput.parse(JSON.parse(configured)) : {}) };
  return { schedule, basis: `the built-in marketplace's ${schedule.commissionPercent}% fee` };
}

/** What paying these bonuses costs, fees included (each bonus's fee is rounded on its own, as charged). */
export async function bonusCost(teamId: string, environment: EnvironmentName, amountsCents: number[]): Promise<BonusCost> {
  const { schedule, basis } = await feeSchedule(teamId, environment);
  const bonusCents = amountsCents.reduce((s, c) => s + c, 0);
  const feeCents = amountsCents.reduce((s, c) => s + bonusFeeCents(c, schedule), 0);
  return { count: amountsCents.length, bonusCents, feeCents, totalCents: bonusCents + feeCents, feeBasis: basis };
}
