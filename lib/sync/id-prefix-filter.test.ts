import { describe, expect, it } from "vitest";
import { idPrefixFilter } from "@/lib/sync/id-prefix-filter";

describe("idPrefixFilter", () => {
  it("bounds an alphanumeric prefix by the next one", () => {
    expect(idPrefixFilter("ab")).toEqual({ startsWith: "AB", gte: "AB", lt: "AC" });
    expect(idPrefixFilter("A9")).toEqual({ startsWith: "A9", gte: "A9", lt: "AA" });
    expect(idPrefixFilter("AZ")).toEqual({ startsWith: "AZ", gte: "AZ", lt: "B" });
    expect(idPrefixFilter("ZZ")).toEqual({ startsWith: "ZZ", gte: "ZZ" });
  });

  it("keeps only startsWith for anything else", () => {
    expect(idPrefixFilter("A-1")).toEqual({ startsWith: "A-1" });
  });
});
