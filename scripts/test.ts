/**
 * `npm test`: the whole suite. Lint (ESLint, Prettier), type check, unit and integration tests
 * (Vitest) then end-to-end tests (Playwright, system Chromium). With HITDESK_TEST_DATABASE_URL
 * (a Postgres server URL) every part gets a fresh database on that server; without it, the
 * embedded database. `--unit` runs the type check and Vitest, `--vitest` Vitest alone (what
 * differs by Node version), `--e2e` Playwright alone.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createFreshDatabase } from "../lib/db/fresh-database";

const args = process.argv.slice(2);
const selectors = { "--unit": ["types", "vitest"], "--vitest": ["vitest"], "--e2e": ["e2e"] } as const;
type Part = "lint" | "types" | "vitest" | "e2e";
const selected = args.flatMap((a) => (a in selectors ? selectors[a as keyof typeof selectors] : []));
const parts: readonly Part[] = selected.length > 0 ? selected : ["lint", "types", "vitest", "e2e"];
const passthrough = args.filter((a) => !(a in selectors));
const root = process.cwd();
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const server = process.env.HITDESK_TEST_DATABASE_URL;

interface Tally {
  passed: number;
  failed: number;
}

function run(cmd: string, cmdArgs: string[], env: Record<string, string | undefined> = {}): number {
  const result = spawnSync(cmd, cmdArgs, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : undefined;
}

function check(name: string, commands: [string, string[]][]): Tally {
  // Every command runs, so one report shows all of them.
  const ok = commands.map(([cmd, cmdArgs]) => run(cmd, cmdArgs)).every((code) => code === 0);
  console.log(ok ? `${name} passed` : `${name} FAILED`);
  return ok ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

const lint = () =>
  check("Lint", [
    [bin("eslint"), ["."]],
    [bin("prettier"), ["--check", "."]],
  ]);
const typecheck = () => check("Type check", [[bin("tsc"), ["--noEmit", "-p", "."]]]);

function unit(): Tally {
  const out = path.join(root, "test-results", "unit.json");
  rmSync(out, { force: true });
  const code = run(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...passthrough]);
  const report = readJson<{ numPassedTests: number; numFailedTests: number }>(out);
  return { passed: report?.numPassedTests ?? 0, failed: Math.max(report?.numFailedTests ?? 0, code === 0 ? 0 : 1) };
}

interface PwSuite {
  specs?: { tests: { results: { status: string }[] }[] }[];
  suites?: PwSuite[];
}

function countPlaywright(suites: PwSuite[] = []): Tally {
  const t: Tally = { passed: 0, failed: 0 };
  for (const s of suites) {
    for (const spec of s.specs ?? []) {
      for (const test of spec.tests) {
        const last = test.results.at(-1)?.status;
        if (last === "passed") t.passed++;
        else t.failed++;
      }
    }
    const inner = countPlaywright(s.suites);
    t.passed += inner.passed;
    t.failed += inner.failed;
  }
  return t;
}

async function e2e(): Promise<Tally> {
  const database = server ? await createFreshDatabase(server, "hitdesk_e2e") : undefined;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "hitdesk-e2e-"));
  const out = path.join(root, "test-results", "e2e.json");
  rmSync(out, { force: true });
  try {
    const code = run(bin("playwright"), ["test", ...passthrough], {
      E2E_DATA_DIR: dataDir,
      ...(database ? { E2E_DATABASE_URL: database.url } : {}),
      // Tests seed data through lib/, which marks itself server-only.
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --conditions=react-server`.trim(),
    });
    const tally = countPlaywright(readJson<{ suites: PwSuite[] }>(out)?.suites);
    return { passed: tally.passed, failed: Math.max(tally.failed, code === 0 ? 0 : 1) };
  } finally {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const runners: Record<Part, () => Tally | Promise<Tally>> = { lint, types: typecheck, vitest: unit, e2e };
const total: Tally = { passed: 0, failed: 0 };
for (const part of parts) {
  const t = await runners[part]();
  total.passed += t.passed;
  total.failed += t.failed;
}
console.log(`\n${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed > 0 ? 1 : 0);
