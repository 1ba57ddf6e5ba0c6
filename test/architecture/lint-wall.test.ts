import { readFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");

/** Lints a real source file of the project with one line added, under the project's own config. */
async function lintWith(file: string, line: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const text = `${line}\n${readFileSync(path.join(ROOT, file), "utf8")}`;
  const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

// `npm run lint` is the first line of defence: a deliberate bad import must fail it.
describe("npm run lint's marketplace wall", { timeout: 120_000 }, () => {
  it("refuses a dashboard file that imports the marketplace past its control plane", async () => {
    const messages = await lintWith("lib/hits/list-hits.ts", 'import { recordDeposit } from "@/lib/marketplace/ledger";');
    expect(messages).toEqual([expect.stringMatching(/'@\/lib\/marketplace\/ledger' import is restricted.*reached through @\/lib\/marketplace\/admin/)]);
  });

  it("lets the dashboard use the control plane, and the marketplace's own surfaces anything", async () => {
    expect(await lintWith("lib/hits/list-hits.ts", 'import { recordDeposit } from "@/lib/marketplace/admin";')).toEqual([]);
    expect(await lintWith("app/api/mturk/[env]/route.ts", 'import { recordDeposit } from "@/lib/marketplace/ledger";')).toEqual([]);
  });
});
