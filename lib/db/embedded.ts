import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { embeddedPassword, existingEmbeddedPassword, requirePassword } from "./embedded-auth";
import { serveOneConnectionAtATime, type QueueOptions } from "./patches/pglite-socket-queue";

/**
 * The embedded database: PGlite (Postgres compiled to wasm) persisted in the data folder and
 * served on a loopback port, so Prisma, the CLI and tests reach it like any Postgres server.
 * PGlite is single-process: one process owns the folder (a lock file) and serves the others.
 * The folder is the owner's alone (0700) and the port asks for the password kept in it
 * (lib/db/embedded-auth.ts); lib/db/patches/pglite-socket-queue.ts shares the one PGlite session.
 */

interface ServerState {
  pid: number;
  port: number;
}

const STATE_FILE = "embedded-db.json";
const LOCK_FILE = "embedded-db.lock";

export function embeddedUrl(port: number, password: string): string {
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres?sslmode=disable`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A killed process nobody has reaped yet (a zombie) still answers signal 0 but holds nothing.
  const stat = path.join("/proc", String(pid), "stat");
  return !(existsSync(stat) && /^\d+ \(.*\) Z /s.test(readFileSync(stat, "utf8")));
}

/** URL of the embedded database served by a running HITdesk, if one is running. */
export function runningEmbeddedDatabase(dir: string): string | undefined {
  const file = path.join(dir, STATE_FILE);
  if (!existsSync(file)) return undefined;
  const state = JSON.parse(readFileSync(file, "utf8")) as ServerState;
  // A server started before passwords existed made none, and accepts any.
  return alive(state.pid) ? embeddedUrl(state.port, existingEmbeddedPassword(dir) ?? "postgres") : undefined;
}

function takeLock(dir: string): void {
  const lock = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, "wx");
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = Number(readFileSync(lock, "utf8"));
      if (owner && alive(owner) && owner !== process.pid) {
        throw new Error(`The embedded database in ${dir} is in use by process ${owner}. Stop it first, or set DATABASE_URL.`);
      }
      rmSync(lock, { force: true }); // left behind by a process that died
    }
  }
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Opens (creating if needed) the database in `dir` and serves it on a loopback port.
 * `dir` undefined = in memory, for tests.
 */
export async function startEmbeddedDatabase(dir: string | undefined, port = 0, options: { queue?: QueueOptions } = {}): Promise<EmbeddedDatabase> {
  let pgDir: string | undefined;
  let password: string;
  if (dir) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // It holds the database, its password and the master secret: the owner's alone, also
    // when it was made before HITdesk set modes.
    chmodSync(dir, 0o700);
    takeLock(dir);
    pgDir = path.join(dir, "pglite");
    password = embeddedPassword(dir);
  } else {
    password = randomBytes(32).toString("base64url");
  }
  // pg_trgm backs the review queue's answer-text search, as on a Postgres server (see the
  // cached_assignment_answer_trgm migration); PGlite loads contrib extensions only when asked.
  const db = await PGlite.create({ ...(pgDir ? { dataDir: pgDir } : {}), extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 64 });
  const queue = serveOneConnectionAtATime(server, options.queue);
  const dropAuthenticating = requirePassword(server, password);
  await server.start();
  const actualPort = Number(server.getServerConn().split(":").pop());
  if (dir) writeFileSync(path.join(dir, STATE_FILE), JSON.stringify({ pid: process.pid, port: actualPort } satisfies ServerState));
  let stopped = false;
  return {
    url: embeddedUrl(actualPort, password),
    async stop() {
      if (stopped) return;
      stopped = true;
      queue.stop();
      dropAuthenticating();
      await server.stop();
      await db.close();
      if (dir) {
        rmSync(path.join(dir, STATE_FILE), { force: true });
        rmSync(path.join(dir, LOCK_FILE), { force: true });
      }
    },
  };
}
