import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * The embedded database: PGlite (Postgres compiled to wasm) persisted in the data folder and
 * served on a loopback port, so Prisma, the CLI and tests reach it like any Postgres server.
 * PGlite is single-process: one process owns the folder (a lock file) and serves the others.
 */

interface ServerState {
  pid: number;
  port: number;
}

const STATE_FILE = "embedded-db.json";
const LOCK_FILE = "embedded-db.lock";

export function embeddedUrl(port: number): string {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
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
  return alive(state.pid) ? embeddedUrl(state.port) : undefined;
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

const STUCK_WARNING_MS = 10_000;

// Extended-query messages (Parse, Bind, Describe, Execute, Close, Flush) that continue until Sync.
const EXTENDED_QUERY_MESSAGES = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}

interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/**
 * pglite-socket queues protocol messages one by one, so under concurrency one connection's
 * Parse/Bind/Execute can interleave with another's and clobber the unnamed statement
 * ("portal does not exist"). Keep serving a connection from its first extended-query message
 * to its Sync, as the server already does for a connection inside a transaction.
 */
function serveWholeQueries(server: PGLiteSocketServer): void {
  const q = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  const midQuery = new Set<number>();
  let stuckSince: { handlerId: number; at: number; warned: boolean } | undefined;
  const warnIfStuck = (handlerId: number, waiting: number) => {
    if (stuckSince?.handlerId !== handlerId) stuckSince = { handlerId, at: Date.now(), warned: false };
    setTimeout(() => {
      if (stuckSince?.handlerId !== handlerId || stuckSince.warned || Date.now() - stuckSince.at < STUCK_WARNING_MS) return;
      stuckSince.warned = true;
      console.error(
        `[embedded database] connection ${handlerId} has held a transaction for ${STUCK_WARNING_MS / 1000} s without sending anything while ${waiting} message(s) of other connections wait. ` +
          "The embedded database runs one transaction at a time: a query on \`db\` inside \`db.$transaction(async (tx) => ...)\` waits forever; use \`tx\`.",
      );
    }, STUCK_WARNING_MS + 50).unref();
  };
  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (handlerId) => {
    midQuery.delete(handlerId);
    if (q.lastHandlerId === handlerId && !q.db.isInTransaction()) q.lastHandlerId = null;
    clear(handlerId);
  };
  q.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const pinned = this.lastHandlerId !== null && (this.db.isInTransaction() || midQuery.has(this.lastHandlerId));
        const index = pinned ? this.queue.findIndex((m) => m.handlerId === this.lastHandlerId) : 0;
        if (index === -1) {
          // Wait for the pinned connection's next message. Code that, inside a transaction,
          // awaits a query on another connection never sends one: say so instead of hanging mutely.
          warnIfStuck(this.lastHandlerId!, this.queue.length);
          break;
        }
        stuckSince = undefined;
        const item = this.queue.splice(index, 1)[0]!;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (e) {
          item.reject(e);
          continue;
        }
        if (EXTENDED_QUERY_MESSAGES.has(item.message[0]!)) midQuery.add(item.handlerId);
        else midQuery.delete(item.handlerId);
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Opens (creating if needed) the database in `dir` and serves it on a loopback port.
 * `dir` undefined = in memory, for tests.
 */
export async function startEmbeddedDatabase(dir: string | undefined, port = 0): Promise<EmbeddedDatabase> {
  let pgDir: string | undefined;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    takeLock(dir);
    pgDir = path.join(dir, "pglite");
  }
  // pg_trgm backs the review queue's answer-text search, as on a Postgres server (see the
  // cached_assignment_answer_trgm migration); PGlite loads contrib extensions only when asked.
  const db = await PGlite.create({ ...(pgDir ? { dataDir: pgDir } : {}), extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 64 });
  serveWholeQueries(server);
  await server.start();
  const actualPort = Number(server.getServerConn().split(":").pop());
  if (dir) writeFileSync(path.join(dir, STATE_FILE), JSON.stringify({ pid: process.pid, port: actualPort } satisfies ServerState));
  let stopped = false;
  return {
    url: embeddedUrl(actualPort),
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      if (dir) {
        rmSync(path.join(dir, STATE_FILE), { force: true });
        rmSync(path.join(dir, LOCK_FILE), { force: true });
      }
    },
  };
}
