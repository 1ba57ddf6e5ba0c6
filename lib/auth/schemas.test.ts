import { describe, expect, it } from "vitest";
import { PasswordInput } from "@/lib/auth/schemas";
import { WorkerSignUpInput } from "@/lib/marketplace/worker-site/account-schemas";

const messages = (password: string) => {
  const parsed = PasswordInput.safeParse(password);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};

describe("password rules", () => {
  it.each([
    ["aaaaaaaaaa", "Repeated characters"],
    ["1234567890", "frequently used password"],
    ["abcdefghij", "Common character sequences"],
    ["qwertyuiop", "frequently used password"],
    ["password123", "commonly used password"],
    ["trustno1trustno1", "Repeated character patterns"],
    ["Sunshine2024", "similar to a commonly used password"],
  ])("refuses %s, saying why", (password, why) => {
    const [message, ...rest] = messages(password);
    expect(rest).toEqual([]);
    expect(message).toContain("This password is too easy to guess.");
    expect(message).toContain(why);
  });

  it("accepts long passwords that are not common", () => {
    for (const password of ["w0rk-hard-pay-fair", "correct horse battery", "lantern-quiet-figs-7"]) expect(messages(password)).toEqual([]);
  });

  it("says only that a short password is too short", () => {
    expect(messages("aaaa")).toEqual(["Password must be at least 10 characters"]);
  });

  it("applies to workers' accounts too", () => {
    const parsed = WorkerSignUpInput.safeParse({ displayName: "W", email: "w@example.com", password: "aaaaaaaaaa", confirm: "aaaaaaaaaa" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(["password"]);
    expect(parsed.error!.issues[0]!.message).toContain("Repeated characters");
  });
});
