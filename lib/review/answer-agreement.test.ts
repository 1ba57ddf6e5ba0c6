import { describe, expect, it } from "vitest";
import { agreesWith, fieldAgreement, matchesMajority } from "@/lib/review/answer-agreement";

const fields = (label: string, extra: Record<string, string> = {}) => Object.entries({ label, ...extra }).map(([name, value]) => ({ name, value }));

describe("answer agreement", () => {
  it("counts, per field, the HIT's workers who gave this worker's value, and which others did", () => {
    const mine = fields("Cat", { size: "big" });
    const others = [fields("cat ", { size: "small" }), fields("dog"), fields("CAT", { size: "big" })];
    expect(fieldAgreement(mine, others)).toEqual({ label: { same: 3, of: 4 }, size: { same: 2, of: 3 } });
    expect(others.map((o) => agreesWith(mine, o))).toEqual([
      { label: true, size: false },
      { label: false, size: false },
      { label: true, size: true },
    ]);
  });

  it("matches the others' strict majority on every field that has one, ignoring case and spaces", () => {
    expect(matchesMajority(fields("Cat"), [fields("cat "), fields("dog"), fields("cat")])).toBe(true);
    expect(matchesMajority(fields("dog"), [fields("cat"), fields("cat"), fields("dog")])).toBe(false);
    // No majority among the others (an even split, or nobody else): not compared either way.
    expect(matchesMajority(fields("cat"), [fields("cat"), fields("dog")])).toBeNull();
    expect(matchesMajority(fields("cat"), [])).toBeNull();
    expect(matchesMajority(fields("cat", { size: "big" }), [fields("cat", { size: "small" }), fields("cat", { size: "small" })])).toBe(false);
    // A field without a majority is skipped; the others still decide.
    expect(matchesMajority(fields("cat", { size: "big" }), [fields("cat", { size: "small" }), fields("cat", { size: "big" })])).toBe(true);
  });
});
