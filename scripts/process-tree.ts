import { readFileSync, readdirSync, readlinkSync } from "node:fs";

/**
 * Processes as Linux's /proc shows them, for bench:memory and the test that HITdesk runs as one
 * process: who listens on a port, what runs below a process, and the memory each holds.
 */
export interface ProcessInfo {
  pid: number;
  parent: number;
  command: string;
  rssMb: number;
}

function readProc(pid: number | string, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined; // ended meanwhile, or not ours to read
  }
}

export function processInfo(pid: number): ProcessInfo | undefined {
  const stat = readProc(pid, "stat");
  const status = readProc(pid, "status");
  const cmdline = readProc(pid, "cmdline");
  if (!stat || !status || cmdline === undefined) return undefined;
  // The parent pid follows the command name, which may itself hold spaces and parentheses.
  const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { pid, parent, command: cmdline.split("\0").filter(Boolean).join(" "), rssMb: Math.round(rssKb / 102.4) / 10 };
}

function allProcesses(): ProcessInfo[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => processInfo(Number(name)) ?? []);
}

/** `root` and every process below it. */
export function processTree(root: number): ProcessInfo[] {
  const all = allProcesses();
  const tree: ProcessInfo[] = [];
  const visit = (pid: number) => {
    const info = all.find((p) => p.pid === pid);
    if (!info) return;
    tree.push(info);
    for (const child of all.filter((p) => p.parent === pid)) visit(child.pid);
  };
  visit(root);
  return tree;
}

/** The process with a TCP socket listening on `port` (IPv4 or IPv6), if any. */
export function listeningProcess(port: number): ProcessInfo | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set(
    ["tcp", "tcp6"].flatMap((table) =>
      (readProc("net", table) ?? "")
        .split("\n")
        .slice(1)
        .map((line) => line.trim().split(/\s+/))
        // local address ends in :PORT, state 0A is LISTEN, the inode is the tenth field
        .filter((f) => f[1]?.endsWith(`:${hexPort}`) && f[3] === "0A")
        .map((f) => `socket:[${f[9]}]`),
    ),
  );
  for (const p of allProcesses()) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${p.pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (inodes.has(readlinkSync(`/proc/${p.pid}/fd/${fd}`))) return p;
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}
