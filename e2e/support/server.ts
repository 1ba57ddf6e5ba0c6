import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A second HITdesk started exactly as a user would (`npm start`, no configuration, embedded
 * database in a fresh folder), for the tests that need an empty install.
 */
export interface FreshServer {
  url: string;
  /** The process group of the install (npm and everything it started). */
  pgid: number;
  dataDir: string;
  /**
   * `npm run cli -- ...args` against this install, as an administrator would run it. Not
   * blocking: a run takes seconds on a busy machine, and tests do other work meanwhile.
   */
  cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /**
   * Stops the server; `keepData` leaves the data folder for a restart. `crash` kills every
   * process of the install at once (SIGKILL), as a power cut or the OOM killer would.
   */
  stop(options?: { keepData?: boolean; crash?: boolean }): Promise<void>;
}

async function groupGone(pgid: number, lastOutput: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) {
      const left = spawnSync("ps", ["-o", "pid,stat,etime,args", "-g", String(pgid)], { encoding: "utf8" }).stdout;
      throw new Error(`Processes of HITdesk (group ${pgid}) are still running after ${timeoutMs / 1000} s:\n${left}\nIts last output:\n${lastOutput().split("\n").slice(-20).join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startFreshServer(requestedPort: number, extraEnv: Record<string, string> = {}, existingDataDir?: string): Promise<FreshServer> {
  // Several checkouts on one machine run their suites at once by shifting every fixed port.
  const port = requestedPort + Number(process.env.E2E_PORT_OFFSET ?? 0);
  const dataDir = existingDataDir ?? mkdtempSync(path.join(os.tmpdir(), "hitdesk-fresh-"));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HITDESK_DATA_DIR: dataDir, NODE_OPTIONS: "" };
  // The embedded database of its own folder, unless the test names a server (several instances).
  delete env.DATABASE_URL;
  delete env.HITDESK_URL;
  Object.assign(env, extraEnv);
  const child: ChildProcess = spawn("npm", ["start"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const server: FreshServer = {
    url: `http://127.0.0.1:${port}`,
    pgid: child.pid!,
    dataDir,
    cli(...args) {
      const run = spawn("npm", ["run", "-s", "cli", "--", ...args], { env, stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
      let stdout = "";
      let stderr = "";
      run.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      run.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      return new Promise((resolve) => run.on("close", (code) => resolve({ code, stdout, stderr })));
    },
    output: () => output,
    async waitForOutput(pattern, timeoutMs = 240_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = output.match(pattern);
        if (match) return match;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`HITdesk exited (${child.exitCode ?? child.signalCode}):\n${output}`);
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${pattern}:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async stop(options) {
      // A child killed by a signal keeps exitCode null: it has exited once either is set.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        process.kill(-child.pid!, options?.crash ? "SIGKILL" : "SIGTERM");
        await exited;
      }
      // npm exits before its children are gone; a restart must not find the database still held.
      await groupGone(child.pid!, () => output);
      if (!options?.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await server.waitForOutput(/HITdesk is running at/);
  return server;
}

/** The variables of `cli keys` output (`export NAME=value` lines, as a shell's eval reads them). */
export function shellExports(stdout: string): Record<string, string> {
  return Object.fromEntries([...stdout.matchAll(/^export ([A-Z_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]));
}
