import { z } from "zod";

/**
 * MTurk's commission (SPEC §9), pure so the dashboard's cost estimates use the same maths:
 * 20% of reward and bonus, another 20% of the reward for HITs with 10 or more assignments,
 * 5% for a Masters requirement, at least $0.01 per assignment or bonus, rounded half up to
 * the cent ($0.105 → $0.11).
 */
export interface FeeSchedule {
  commissionPercent: number;
  tenPlusSurchargePercent: number;
  mastersPercent: number;
  minimumFeeCents: number;
}

export const FeeScheduleInput = z
  .object({
    commissionPercent: z.number().min(0).max(100),
    tenPlusSurchargePercent: z.number().min(0).max(100),
    mastersPercent: z.number().min(0).max(100),
    minimumFeeCents: z.number().int().min(0).max(10_000),
  })
  .partial()
  .strict();

export const AWS_FEE_SCHEDULE: FeeSchedule = { commissionPercent: 20, tenPlusSurchargePercent: 20, mastersPercent: 5, minimumFeeCents: 1 };
export const NO_FEES: FeeSchedule = { commissionPercent: 0, tenPlusSurchargePercent: 0, mastersPercent: 0, minimumFeeCents: 0 };

/** Sandbox charges like AWS so estimates match; the built-in production marketplace is free. */
export function defaultFeeSchedule(environment: "sandbox" | "production"): FeeSchedule {
  return environment === "sandbox" ? AWS_FEE_SCHEDULE : NO_FEES;
}

/** `percent` of `cents`, rounded half up, in integer arithmetic (percent to 2 decimals). */
function percentOf(cents: number, percent: number): number {
  const basisPoints = Math.round(percent * 100);
  return Math.floor((cents * basisPoints + 5000) / 10000);
}

function withMinimum(fee: number, amountCents: number, schedule: FeeSchedule): number {
  return amountCents > 0 ? Math.max(fee, schedule.minimumFeeCents) : 0;
}

export function rewardFeeCents(rewardCents: number, hit: { maxAssignments: number; masters: boolean }, schedule: FeeSchedule): number {
  const percent = schedule.commissionPercent + (hit.maxAssignments >= 10 ? schedule.tenPlusSurchargePercent : 0) + (hit.masters ? schedule.mastersPercent : 0);
  return withMinimum(percentOf(rewardCents, percent), rewardCents, schedule);
}

export function bonusFeeCents(bonusCents: number, schedule: FeeSchedule): number {
  return withMinimum(percentOf(bonusCents, schedule.commissionPercent), bonusCents, schedule);
}

/** Cost of one HIT if every assignment is approved: rewards plus fees. */
export function hitCostCents(rewardCents: number, maxAssignments: number, masters: boolean, schedule: FeeSchedule): { rewards: number; fees: number; total: number } {
  const rewards = rewardCents * maxAssignments;
  const fees = rewardFeeCents(rewardCents, { maxAssignments, masters }, schedule) * maxAssignments;
  return { rewards, fees, total: rewards + fees };
}
