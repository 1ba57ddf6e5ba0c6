import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** A HITdesk server a benchmark started as a process group of its own, with the CPU that group uses. */
export interface ServerProcess {
  url: string;
  /** CPU milliseconds used so far by every process of the server's group. */
  cpuMs(): number;
  stop(): Promise<void>;
}

const CLOCK_TICK_MS = 10;

/**
 * Starts `command` (a server listening on `port`) and waits until `healthPath` answers. The
 * server's environment drops this process's NODE_OPTIONS: benchmarks resolve lib/ with the
 * react-server condition, the app must not.
 */
export async function startServerProcess(command: string, args: string[], options: { port: number; env: Record<string, string>; healthPath: string; timeoutMs: number }): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(command, args, { env: { ...process.env, PORT: String(options.port), ...options.env, NODE_OPTIONS: "" }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const group = child.pid!;
  // A benchmark that fails part-way must not leave its server running (it is a group of its own).
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-group, "SIGTERM");
  };
  process.once("exit", killOnExit);
  const server: ServerProcess = {
    url,
    cpuMs() {
      let ticks = 0;
      for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
        try {
          // Fields after the command name: state ppid pgrp ... utime (14th field) stime (15th).
          const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ").at(-1)!.split(" ");
          if (Number(fields[2]) === group) ticks += Number(fields[11]) + Number(fields[12]);
        } catch {
          // The process ended while listed.
        }
      }
      return ticks * CLOCK_TICK_MS;
    },
    async stop() {
      process.off("exit", killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const stopped = new Promise((r) => child.once("exit", r));
      process.kill(-group, "SIGTERM");
      await stopped;
    },
  };
  try {
    for (const started = Date.now(); ;) {
      if (child.exitCode !== null) throw new Error(`The server stopped while starting:\n${output}`);
      const up = await fetch(`${url}${options.healthPath}`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return server;
      if (Date.now() - started > options.timeoutMs) throw new Error(`The server did not start within ${options.timeoutMs / 1000} s:\n${output}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (e) {
    await server.stop();
    throw e;
  }
}
