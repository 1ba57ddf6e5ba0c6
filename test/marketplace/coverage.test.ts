import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OPERATION_NAMES } from "@/lib/marketplace/model";
import { operations } from "@/lib/marketplace/operations";

/** Every operation of the API model is implemented and has its own conformance tests. */
describe("conformance coverage", () => {
  it("implements every operation of service-2.json", () => {
    expect(OPERATION_NAMES.filter((op) => !(op in operations))).toEqual([]);
  });

  it("has a describe block named after every operation", () => {
    const dir = path.join(process.cwd(), "test", "marketplace");
    const text = readdirSync(dir)
      .filter((f) => f.endsWith(".test.ts") && f !== "coverage.test.ts")
      .map((f) => readFileSync(path.join(dir, f), "utf8"))
      .join("\n");
    expect(OPERATION_NAMES.filter((op) => !text.includes(`describe("${op}"`))).toEqual([]);
  });
});
