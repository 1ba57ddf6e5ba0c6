/**
 * `npm run bench:memory`: starts HITdesk as `npm start` does (a fresh database on DATABASE_URL's
 * server, else the embedded database in a fresh data folder), waits until it answers and has
 * been idle, then sums the resident memory (RSS) of every process it runs: once idle, and again
 * after the sign-in page and an MTurk API request have loaded their code. Targets (issue 14):
 * idle < 450 MB on Postgres, < 700 MB embedded.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createFreshDatabase } from "@/lib/db/fresh-database";
import { env } from "@/lib/env";
import { processTree, type ProcessInfo } from "../scripts/process-tree";

const PORT = 3390;
const IDLE_MS = 15_000;
const TARGET_MB = env.DATABASE_URL ? 450 : 700;

const total = (tree: ProcessInfo[]) => Math.round(tree.reduce((sum, p) => sum + p.rssMb, 0));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const fresh = env.DATABASE_URL ? await createFreshDatabase(env.DATABASE_URL, "hitdesk_bench") : undefined;
const dataDir = mkdtempSync(path.join(os.tmpdir(), "hitdesk-bench-memory-"));
const baseUrl = `http://127.0.0.1:${PORT}`;
const { DATABASE_URL: _ignored, ...inherited } = process.env;
const server = spawn("npm", ["start"], {
  // Its own process group, so stopping it stops everything it started.
  detached: true,
  stdio: ["ignore", "pipe", "pipe"],
  // The server resolves lib/ without the react-server condition this script runs with.
  env: { ...inherited, NODE_OPTIONS: "", PORT: String(PORT), HITDESK_URL: baseUrl, HITDESK_DATA_DIR: dataDir, ...(fresh ? { DATABASE_URL: fresh.url } : {}) },
});
let output = "";
server.stdout.on("data", (c: Buffer) => (output += c.toString()));
server.stderr.on("data", (c: Buffer) => (output += c.toString()));

try {
  for (let waited = 0; !output.includes("HITdesk is running"); waited += 250) {
    if (server.exitCode !== null || waited > 900_000) throw new Error(`HITdesk did not start:\n${output}`);
    await sleep(250);
  }
  const health = await fetch(`${baseUrl}/api/health`);
  if (!health.ok) throw new Error(`/api/health answered ${health.status}`);
  await sleep(IDLE_MS);
  const idle = processTree(server.pid!);
  console.log(`Idle, ${IDLE_MS / 1000} s after start-up (${fresh ? "Postgres" : "embedded database"}):`);
  for (const p of idle) console.log(`  ${String(p.rssMb).padStart(7)} MB  ${p.pid}  ${p.command.slice(0, 100)}`);
  console.log(`  ${String(total(idle)).padStart(7)} MB  in all (target < ${TARGET_MB} MB)`);

  await (await fetch(`${baseUrl}/login`)).text();
  // Unsigned: answered with an MTurk error, after loading the marketplace's code.
  await (
    await fetch(`${baseUrl}/api/mturk/sandbox`, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "MTurkRequesterServiceV20170117.GetAccountBalance" },
      body: "{}",
    })
  ).text();
  await sleep(2_000);
  const used = processTree(server.pid!);
  console.log(`After /login and one MTurk API request: ${total(used)} MB in all`);

  console.log(
    JSON.stringify({
      bench: "memory",
      database: fresh ? "postgres" : "embedded",
      idle_rss_mb: total(idle),
      target_mb: TARGET_MB,
      after_requests_rss_mb: total(used),
      processes: idle.map((p) => ({ command: p.command.split(" ").slice(0, 2).join(" "), rss_mb: p.rssMb })),
    }),
  );
} catch (e) {
  console.error(`HITdesk's output:\n${output}`);
  throw e;
} finally {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    // already ended
  }
  await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
  await fresh?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
