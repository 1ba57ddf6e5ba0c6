import { describe, expect, it } from "vitest";
import { deriveSeed, mulberry32, planTask, SimulationProfile, workerProfile } from "@/lib/marketplace/simulation/profiles";

describe("mulberry32", () => {
  it("repeats its stream for a seed and spreads draws over [0, 1)", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const draws = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(draws);
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    expect(mulberry32(8)()).not.toBe(mulberry32(7)());
  });

  it("derives different seeds from different parts", () => {
    expect(deriveSeed("a", 1, 2)).toBe(deriveSeed("a", 1, 2));
    expect(deriveSeed("a", 1, 2)).not.toBe(deriveSeed("a", 12));
    expect(deriveSeed("a", 1, 2)).not.toBe(deriveSeed("a", 2, 1));
  });
});

describe("workerProfile", () => {
  it("is a function of (seed, index)", () => {
    expect(workerProfile(99, 3)).toEqual(workerProfile(99, 3));
    expect(workerProfile(99, 3)).not.toEqual(workerProfile(99, 4));
    expect(workerProfile(99, 3)).not.toEqual(workerProfile(100, 3));
  });

  it("gives realistic workers: accurate, mostly US, seldom returning or abandoning", () => {
    const profiles = Array.from({ length: 2000 }, (_, i) => workerProfile(12345, i));
    for (const p of profiles) {
      expect(SimulationProfile.parse(p)).toEqual(p);
      expect(p.accuracy).toBeGreaterThanOrEqual(0.6);
      expect(p.accuracy).toBeLessThanOrEqual(0.98);
      expect(p.returnRate).toBeLessThanOrEqual(0.08);
      expect(p.abandonRate).toBeLessThanOrEqual(0.04);
      expect(p.localeSubdivision === null).toBe(p.localeCountry !== "US");
    }
    const us = profiles.filter((p) => p.localeCountry === "US").length / profiles.length;
    expect(us).toBeGreaterThan(0.65);
    expect(us).toBeLessThan(0.85);
    expect(new Set(profiles.map((p) => p.localeCountry)).size).toBeGreaterThan(4);
    const meanAccuracy = profiles.reduce((s, p) => s + p.accuracy, 0) / profiles.length;
    expect(meanAccuracy).toBeGreaterThan(0.8);
    expect(meanAccuracy).toBeLessThan(0.9);
  });
});

describe("planTask", () => {
  it("submits well within the time allotted, returns early and abandons at the deadline", () => {
    const random = mulberry32(1);
    const allotted = 600;
    const submitted: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const profile = workerProfile(5, i % 50);
      const plan = planTask({ ...profile, returnRate: 0, abandonRate: 0 }, random, allotted);
      expect(plan.outcome).toBe("submit");
      expect(plan.afterSec).toBeGreaterThan(0);
      expect(plan.afterSec).toBeLessThanOrEqual(allotted * 0.85);
      submitted.push(plan.afterSec);
    }
    submitted.sort((a, b) => a - b);
    expect(submitted[Math.floor(submitted.length / 2)]!).toBeLessThan(allotted * 0.25);
    expect(submitted[Math.floor(submitted.length * 0.9)]!).toBeLessThan(allotted * 0.6);

    const p = workerProfile(5, 0);
    expect(planTask({ ...p, abandonRate: 1, returnRate: 0 }, random, allotted)).toEqual({ outcome: "abandon", afterSec: allotted });
    expect(planTask({ ...p, abandonRate: 0, returnRate: 1 }, random, allotted).outcome).toBe("return");
  });

  it("returns and abandons at the profile's rates", () => {
    const random = mulberry32(2);
    const profile = { ...workerProfile(5, 0), returnRate: 0.2, abandonRate: 0.1 };
    const outcomes = Array.from({ length: 5000 }, () => planTask(profile, random, 300).outcome);
    const share = (o: string) => outcomes.filter((x) => x === o).length / outcomes.length;
    expect(Math.abs(share("return") - 0.2)).toBeLessThan(0.03);
    expect(Math.abs(share("abandon") - 0.1)).toBeLessThan(0.03);
  });
});
