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
  dataDir: string;
  /** `npm run cli -- ...args` against this install, as an administrator would run it. */
  cli(...args: string[]): { code: number | null; stdout: string; stderr: string };
  output(): string;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /**
   * Stops the server; `keepData` leaves the data folder for a restart. `crash` kills every
   * process of the install at once (SIGKILL), as a power cut or the OOM killer would.
   */
  stop(options?: { keepData?: boolean; crash?: boolean }): Promise<void>;
}

async function groupGone(pgid: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`Processes of HITdesk (group ${pgid}) are still running after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startFreshServer(port: number, extraEnv: Record<string, string> = {}, existingDataDir?: string): Promise<FreshServer> {
  const dataDir = existingDataDir ?? mkdtempSync(path.join(os.tmpdir(), "hitdesk-fresh-"));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HITDESK_DATA_DIR: dataDir, NODE_OPTIONS: "", ...extraEnv };
  delete env.DATABASE_URL;
  delete env.HITDESK_URL;
  const child: ChildProcess = spawn("npm", ["start"], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const server: FreshServer = {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    cli(...args) {
      const r = spawnSync("npm", ["run", "-s", "cli", "--", ...args], { env, encoding: "utf8", timeout: 60_000 });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
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
      await groupGone(child.pid!);
      if (!options?.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await server.waitForOutput(/HITdesk is running at/);
  return server;
}
