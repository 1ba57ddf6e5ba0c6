/**
 * `npm test`: the whole suite. Unit and integration tests (Vitest) then end-to-end tests
 * (Playwright, system Chromium). With HITDESK_TEST_DATABASE_URL (a Postgres server URL) every
 * part gets a fresh database on that server; without it, the embedded database.
 * `--unit` / `--e2e` run one part.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createFreshDatabase } from "../lib/db/fresh-database";

const args = process.argv.slice(2);
const only = args.includes("--unit") ? "unit" : args.includes("--e2e") ? "e2e" : "all";
const passthrough = args.filter((a) => a !== "--unit" && a !== "--e2e");
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

function typecheck(): Tally {
  const code = run(bin("tsc"), ["--noEmit", "-p", "."]);
  console.log(code === 0 ? "Type check passed" : "Type check FAILED");
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

async function unit(): Promise<Tally> {
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

function sum(a: Tally, b: Tally): Tally {
  return { passed: a.passed + b.passed, failed: a.failed + b.failed };
}

const total: Tally = { passed: 0, failed: 0 };
for (const part of only === "all" ? (["unit", "e2e"] as const) : [only]) {
  const t = part === "unit" ? sum(typecheck(), await unit()) : await e2e();
  total.passed += t.passed;
  total.failed += t.failed;
}
console.log(`\n${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed > 0 ? 1 : 0);
