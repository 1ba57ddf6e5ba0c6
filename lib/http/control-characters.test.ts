import { describe, expect, it } from "vitest";
import { controlCharacterProblem, findControlCharacter, isPlainText, text } from "@/lib/http/control-characters";

describe("control characters in text", () => {
  it("allows tab, line breaks and any other Unicode", () => {
    expect(controlCharacterProblem("a\tb\r\nc\nd — 日本語 \u007f \u0085 😀")).toBeNull();
  });

  it("names the code point and where it is", () => {
    expect(controlCharacterProblem("ab\u0000c")).toBe("contains a control character (U+0000) at character 3; remove it");
    expect(controlCharacterProblem("x,y\nfirst,se\u001bcond")).toBe("contains a control character (U+001B) at line 2, column 9; remove it");
  });

  it("finds the first bad string in a nested input, naming its path (and bad keys)", () => {
    expect(findControlCharacter({ a: "ok", ops: [{ reason: "fine" }, { reason: "bad\u0007" }] })).toEqual({ path: "ops.1.reason", message: expect.stringContaining("U+0007") });
    expect(findControlCharacter({ ["k\u0000"]: 1 })?.path).toBe('"k\\u0000"');
    expect(findControlCharacter("\u0000")?.path).toBe("body");
    expect(findControlCharacter({ n: 1, b: true, z: null, list: ["x"] })).toBeNull();
  });

  it("refuses nesting deeper than the walk goes instead of recursing without end", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 500; i++) deep = [deep];
    expect(findControlCharacter(deep)?.message).toMatch(/nested more than/);
  });

  it("text() is a string schema that keeps chaining and says what is wrong", () => {
    const schema = text().trim().min(2, "too short");
    expect(schema.parse("  hello ")).toBe("hello");
    const bad = schema.safeParse("he\u0000llo");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe("This text contains a control character (U+0000) at character 3; remove it");
  });

  it("isPlainText refuses non-strings, control characters and overlong values", () => {
    expect(isPlainText("abc")).toBe(true);
    expect(isPlainText(42)).toBe(false);
    expect(isPlainText("a\u0000")).toBe(false);
    expect(isPlainText("x".repeat(1001))).toBe(false);
  });
});
