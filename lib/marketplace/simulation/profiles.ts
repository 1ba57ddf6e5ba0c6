import { z } from "zod";

/**
 * Simulated workers' personalities, derived only from (seed, index): the same seed always
 * gives worker #i the same accuracy, speed, habits and locale, so a run can be reproduced.
 */

/** A uniform draw in [0, 1). */
export type Random = () => number;

/** mulberry32: tiny, fast and good enough for simulation; the same seed gives the same stream. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fresh seed (0..2^31-1, it is stored in an Int column): different workforces get different workers. */
export const newWorkforceSeed = (): number => crypto.getRandomValues(new Uint32Array(1))[0]! >>> 1;

/** A 32-bit seed from any parts (FNV-1a with a final avalanche), for independent sub-streams. */
export function deriveSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join("\u0000")) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** Fisher–Yates, on a copy. */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A draw from a weighted list. */
function weighted<T>(random: Random, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of entries) {
    r -= w;
    if (r < 0) return value;
  }
  return entries[entries.length - 1]![0];
}

export const SimulationProfile = z.object({
  seed: z.number().int(),
  index: z.number().int().min(0),
  /** Probability of giving the requester's gold answer on a field that has one. */
  accuracy: z.number().min(0).max(1),
  /** Typical working time as a fraction of the HIT's AssignmentDuration. */
  speed: z.number().gt(0).max(1),
  returnRate: z.number().min(0).max(1),
  abandonRate: z.number().min(0).max(1),
  localeCountry: z.string().length(2),
  localeSubdivision: z.string().nullable(),
  displayName: z.string(),
});
export type SimulationProfile = z.infer<typeof SimulationProfile>;

// Roughly MTurk's workforce: mostly US (by population of the busy states), then India and a tail.
const COUNTRIES: readonly (readonly [string, number])[] = [
  ["US", 75],
  ["IN", 12],
  ["GB", 3],
  ["CA", 3],
  ["DE", 2],
  ["PH", 2],
  ["BR", 1],
  ["FR", 1],
  ["IT", 1],
];
const US_STATES: readonly (readonly [string, number])[] = [
  ["CA", 12],
  ["TX", 9],
  ["FL", 7],
  ["NY", 6],
  ["PA", 4],
  ["IL", 4],
  ["OH", 4],
  ["GA", 3],
  ["NC", 3],
  ["MI", 3],
  ["NJ", 3],
  ["VA", 3],
  ["WA", 2],
  ["AZ", 2],
  ["MA", 2],
  ["TN", 2],
  ["IN", 2],
  ["MO", 2],
  ["MD", 2],
  ["WI", 2],
  ["CO", 2],
  ["MN", 2],
  ["OR", 1],
  ["UT", 1],
];
const FIRST_NAMES = ["Avery", "Jordan", "Riley", "Casey", "Morgan", "Taylor", "Jamie", "Quinn", "Rowan", "Sasha", "Priya", "Arjun", "Mei", "Lucas", "Sofia", "Omar", "Lena", "Mateo", "Nia", "Hana"];
const LAST_INITIALS = "ABCDEFGHJKLMNPRSTVW";

/** Worker #index of a workforce seeded with `seed`. */
export function workerProfile(seed: number, index: number): SimulationProfile {
  const random = mulberry32(deriveSeed("profile", seed, index));
  // Skewed towards careful workers: the mean is about 0.85, the floor 0.6.
  const accuracy = round(0.6 + 0.38 * Math.sqrt(random()));
  // Most take a small part of the time allotted; a few are slow.
  const speed = round(0.04 + 0.3 * random() ** 2);
  const returnRate = round(0.08 * random() ** 2);
  const abandonRate = round(0.04 * random() ** 3);
  const localeCountry = weighted(random, COUNTRIES);
  const localeSubdivision = localeCountry === "US" ? weighted(random, US_STATES) : null;
  const displayName = `${pick(random, FIRST_NAMES)} ${LAST_INITIALS[Math.floor(random() * LAST_INITIALS.length)]}. (simulated #${index + 1})`;
  return { seed, index, accuracy, speed, returnRate, abandonRate, localeCountry, localeSubdivision, displayName };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Box–Muller: a standard normal draw. */
export function normal(random: Random): number {
  const u = Math.max(random(), Number.EPSILON);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export type TaskOutcome = "submit" | "return" | "abandon";

/**
 * What a worker will do with an assignment it just accepted and after how many seconds of its
 * time allotted: submissions land well inside the deadline (at most 85% of it), returns come
 * early, abandonments wait out the deadline.
 */
export function planTask(profile: SimulationProfile, random: Random, allottedSec: number): { outcome: TaskOutcome; afterSec: number } {
  const r = random();
  const outcome: TaskOutcome = r < profile.abandonRate ? "abandon" : r < profile.abandonRate + profile.returnRate ? "return" : "submit";
  if (outcome === "abandon") return { outcome, afterSec: allottedSec };
  const working = allottedSec * profile.speed * Math.exp(0.35 * normal(random));
  const longest = allottedSec * 0.85;
  const shortest = Math.min(5, longest);
  const afterSec = Math.min(longest, Math.max(shortest, outcome === "return" ? working * (0.1 + 0.4 * random()) : working));
  return { outcome, afterSec };
}
