import { describe, expect, it } from "vitest";
import { OPERATION_NAMES, validateInput } from "@/lib/marketplace/model";

const hit = { Title: "t", Description: "d", Reward: "0.05", LifetimeInSeconds: 60, AssignmentDurationInSeconds: 60 };

describe("model-driven validation", () => {
  it("knows the 39 operations of 2017-01-17", () => {
    expect(OPERATION_NAMES).toHaveLength(39);
    expect(OPERATION_NAMES).toContain("CreateHIT");
  });

  it("accepts a valid input and ignores unknown members", () => {
    expect(() => validateInput("CreateHIT", { ...hit, Extra: 1 })).not.toThrow();
  });

  it("names missing required members", () => {
    expect(() => validateInput("CreateHIT", { Title: "t" })).toThrow(/Value null at 'description' failed to satisfy constraint: Member must not be null/);
  });

  it("checks patterns, ranges, types and enums, naming the path", () => {
    expect(() => validateInput("CreateHIT", { ...hit, Reward: "1.234" })).toThrow(
      "1 validation error detected: Value '1.234' at 'reward' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9]+(\\.)?[0-9]{0,2}$",
    );
    expect(() => validateInput("ListHITs", { MaxResults: 101 })).toThrow(/at 'maxResults' .* less than or equal to 100/);
    expect(() => validateInput("CreateHIT", { ...hit, MaxAssignments: "3" })).toThrow(/at 'maxAssignments' failed to satisfy constraint: Member must be a 32-bit integer/);
    expect(() => validateInput("CreateHIT", { ...hit, QualificationRequirements: [{ QualificationTypeId: "X", Comparator: "Bigger" }] })).toThrow(
      /at 'qualificationRequirements.1.member.comparator' failed to satisfy constraint: Member must satisfy enum value set/,
    );
    expect(() => validateInput("GetHIT", { HITId: "lower-case" })).toThrow(/at 'hITId'/);
  });
});
