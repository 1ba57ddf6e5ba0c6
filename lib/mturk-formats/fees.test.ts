import { describe, expect, it } from "vitest";
import { AWS_FEE_SCHEDULE, NO_FEES, bonusFeeCents, hitCostCents, rewardFeeCents } from "@/lib/mturk-formats/fees";

describe("MTurk fees, to the cent", () => {
  it("charges 20% of the reward, with a one-cent minimum", () => {
    expect(rewardFeeCents(100, { maxAssignments: 1, masters: false }, AWS_FEE_SCHEDULE)).toBe(20);
    expect(rewardFeeCents(1, { maxAssignments: 1, masters: false }, AWS_FEE_SCHEDULE)).toBe(1);
    expect(rewardFeeCents(4, { maxAssignments: 1, masters: false }, AWS_FEE_SCHEDULE)).toBe(1);
  });

  it("rounds half up: 20% of $0.52 is $0.104 → $0.10, of $0.53 is $0.106 → $0.11", () => {
    expect(rewardFeeCents(52, { maxAssignments: 1, masters: false }, AWS_FEE_SCHEDULE)).toBe(10);
    expect(rewardFeeCents(53, { maxAssignments: 1, masters: false }, AWS_FEE_SCHEDULE)).toBe(11);
    // Exactly half a cent rounds up.
    expect(bonusFeeCents(25, { ...AWS_FEE_SCHEDULE, commissionPercent: 2 })).toBe(1); // 0.5¢ → 1¢
  });

  it("adds 20% for HITs with 10 or more assignments and 5% for Masters", () => {
    expect(rewardFeeCents(100, { maxAssignments: 9, masters: false }, AWS_FEE_SCHEDULE)).toBe(20);
    expect(rewardFeeCents(100, { maxAssignments: 10, masters: false }, AWS_FEE_SCHEDULE)).toBe(40);
    expect(rewardFeeCents(100, { maxAssignments: 10, masters: true }, AWS_FEE_SCHEDULE)).toBe(45);
  });

  it("charges bonuses 20% with the same minimum and nothing on zero", () => {
    expect(bonusFeeCents(250, AWS_FEE_SCHEDULE)).toBe(50);
    expect(bonusFeeCents(3, AWS_FEE_SCHEDULE)).toBe(1);
    expect(bonusFeeCents(0, AWS_FEE_SCHEDULE)).toBe(0);
  });

  it("costs a HIT as rewards plus fees per assignment", () => {
    expect(hitCostCents(50, 9, false, AWS_FEE_SCHEDULE)).toEqual({ rewards: 450, fees: 90, total: 540 });
    expect(hitCostCents(50, 10, false, AWS_FEE_SCHEDULE)).toEqual({ rewards: 500, fees: 200, total: 700 });
    expect(hitCostCents(50, 10, false, NO_FEES)).toEqual({ rewards: 500, fees: 0, total: 500 });
  });
});
