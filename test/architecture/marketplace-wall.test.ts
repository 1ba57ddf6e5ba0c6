import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importSpecifiers, wallBreaches } from "./marketplace-wall";

const ROOT = path.resolve(__dirname, "../..");
const SKIP = new Set(["node_modules", ".next", ".git", "generated", "playwright-report", "test-results"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return SKIP.has(entry.name) || entry.name.startsWith(".") ? [] : sourceFiles(rel);
    return /\.(tsx?|mts|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [rel] : [];
  });
}

describe("the marketplace wall", () => {
  it("holds in every source file", () => {
    const files = sourceFiles("");
    expect(files).toContain("lib/marketplace/admin.ts");
    const breaches = files.flatMap((file) => wallBreaches(file, readFileSync(path.join(ROOT, file), "utf8")));
    expect(breaches.map((b) => `${b.file} imports ${b.specifier}: ${b.reason}`)).toEqual([]);
  });

  it("catches bad imports: static, type-only, dynamic, re-exported and relative", () => {
    const fake = [
      'import { recordDeposit } from "@/lib/marketplace/ledger";',
      'import type { WorkforceSettings } from "@/lib/marketplace/simulation/workforce-settings";',
      'export { provisionRequester } from "../marketplace/requesters";',
      'const { spentCents } = await import("@/lib/marketplace/ledger");',
      '// import { nothing } from "@/lib/marketplace/in-a-comment";',
      'import { createApiKey } from "@/lib/marketplace/admin";',
      'import { WorkerInviteInput } from "@/lib/marketplace/admin-inputs";',
      'import { parseQuestionForm } from "@/lib/mturk-formats/question-form";',
    ].join("\n");
    expect(wallBreaches("lib/teams/fake.ts", fake).map((b) => b.specifier)).toEqual([
      "@/lib/marketplace/ledger",
      "@/lib/marketplace/simulation/workforce-settings",
      "../marketplace/requesters",
      "@/lib/marketplace/ledger",
    ]);
    expect(wallBreaches("components/fake.tsx", 'import { x } from "@/lib/marketplace";')).toHaveLength(1);
    expect(wallBreaches("app/(dashboard)/fake/page.tsx", 'import { x } from "@/lib/marketplace/ops/hits";')).toHaveLength(1);
  });

  it("lets the marketplace's own surfaces in, and keeps lib/mturk-formats free of both sides", () => {
    const deep = 'import { acceptHit } from "@/lib/marketplace/work/accept-hit";';
    for (const file of [
      "lib/marketplace/x.ts",
      "app/worker/(site)/page.tsx",
      "app/task/[token]/route.ts",
      "app/api/mturk/[env]/route.ts",
      "instrumentation.ts",
      "scripts/cli.ts",
      "e2e/x.spec.ts",
      "test/x.test.ts",
      "lib/teams/x.test.ts",
    ]) {
      expect(wallBreaches(file, deep), file).toEqual([]);
    }
    expect(wallBreaches("lib/mturk-formats/fake.ts", 'import { z } from "zod";\nimport { db } from "@/lib/db";\nimport { x } from "./xml-tree";').map((b) => b.specifier)).toEqual(["@/lib/db"]);
    expect(importSpecifiers('require("a");\nexport * from "b";')).toEqual(["a", "b"]);
  });
});
