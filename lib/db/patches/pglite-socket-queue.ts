import type { PGlite } from "@electric-sql/pglite";
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

/**
 * The one place that patches pglite-socket's query queue. Its queue and handlers are private:
 * the shapes below are what the pinned version's dist holds (package.json pins it exactly;
 * pglite-socket-queue.test.ts fails when an upgrade changes them).
 *
 * PGlite is a single Postgres session shared by every connection on the socket. The queue feeds
 * it one protocol message at a time, so the session has to be reserved for one connection
 * ("the holder") from its first extended-query message to its Sync, and from BEGIN to
 * COMMIT/ROLLBACK; everyone else waits. pglite-socket's own queue only reserves it for
 * transactions, and it had three ways to freeze the database for good:
 *  - a holder whose socket closed was forgotten, but nothing restarted the queue: messages
 *    already waiting stayed waiting (every pool connection of the app among them);
 *  - a connection that closed while its message was running got the database reserved for it
 *    again right after, and no message of it would ever come;
 *  - a dead holder's transaction was rolled back through `db.exec`, whose reply PGlite wrote
 *    to the socket of the last served connection (its output callback is left set by
 *    `execProtocolRawStream`), and an extended query it left open was never closed.
 * Here a closed connection always releases the session (Sync, then ROLLBACK if a transaction is
 * open, replies dropped) and the queue moves on. A holder that stays idle while others wait is
 * reported after `warnAfterMs` and, like Postgres' idle_in_transaction_session_timeout, its
 * connection is closed after `closeIdleHolderAfterMs`.
 */

export const PATCHED_PGLITE_SOCKET_VERSION = "0.2.17";

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}

export interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

export interface SocketHandler {
  handlerId: number;
  socket: { destroy(): void } | null;
}

// Extended-query messages (Parse, Bind, Describe, Execute, Close, Flush) that continue until Sync.
const EXTENDED_QUERY_MESSAGES = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);
const SYNC = Uint8Array.of(0x53, 0, 0, 0, 4);

function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`);
  const message = Buffer.alloc(5 + text.length);
  message.write("Q", 0);
  message.writeInt32BE(4 + text.length, 1);
  text.copy(message, 5);
  return message;
}

export interface QueueOptions {
  warnAfterMs?: number;
  closeIdleHolderAfterMs?: number;
  log?: (message: string) => void;
}

export interface QueueState {
  /** The connection the session is reserved for, if any. */
  holder: number | null;
  waiting: number;
}

export function serveOneConnectionAtATime(server: PGLiteSocketServer, options: QueueOptions = {}): { state(): QueueState; stop(): void } {
  const { warnAfterMs = 10_000, closeIdleHolderAfterMs = 60_000, log = (m: string) => console.error(m) } = options;
  const internals = server as unknown as { queryQueue: QueryQueue; handlers: Set<SocketHandler> };
  const q = internals.queryQueue;
  const db = q.db;

  let holder: number | null = null;
  let holderMidQuery = false;
  /** Connections that closed while holding the session or while their message was running. */
  const gone = new Set<number>();
  let running: { handlerId: number; since: number } | null = null;
  let lastServedAt = Date.now();
  let warned = false;

  const runRaw = (message: Uint8Array, onData: (data: Uint8Array) => void) => db.runExclusive(() => db.execProtocolRawStream(message, { onRawData: onData }));
  const drop = () => {};

  /** Ends what a closed connection left open in the shared session; its replies go nowhere. */
  async function release(handlerId: number): Promise<void> {
    try {
      if (holderMidQuery) await runRaw(SYNC, drop);
      if (db.isInTransaction()) await runRaw(simpleQuery("ROLLBACK"), drop);
    } catch (e) {
      log(`[embedded database] could not reset the session after connection ${handlerId} closed: ${(e as Error).message}`);
    }
    holder = null;
    holderMidQuery = false;
    gone.delete(handlerId);
    lastServedAt = Date.now();
  }

  q.clearQueueForHandler = function clearQueueForHandler(this: QueryQueue, handlerId: number) {
    this.queue = this.queue.filter((m) => {
      if (m.handlerId !== handlerId) return true;
      m.reject(new Error("Handler disconnected"));
      return false;
    });
    if (holder === handlerId || running?.handlerId === handlerId) gone.add(handlerId);
    // Whatever it held is released by the queue itself, in order: start it if it is idle.
    void this.processQueue();
  };
  // pglite-socket's version rolls back through db.exec (see above); release() does it instead.
  q.clearTransactionIfNeeded = async () => {};

  q.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing) return;
    this.processing = true;
    try {
      for (;;) {
        if (holder !== null && gone.has(holder)) {
          await release(holder);
          continue;
        }
        const index = holder === null ? 0 : this.queue.findIndex((m) => m.handlerId === holder);
        // Empty, or waiting for the holder's next message: a new message or a close restarts us.
        if (index === -1 || this.queue.length === 0) break;
        const item = this.queue.splice(index, 1)[0]!;
        running = { handlerId: item.handlerId, since: Date.now() };
        let bytes = 0;
        let error: unknown;
        try {
          await runRaw(item.message, (data) => {
            bytes += data.length;
            item.onData(data);
          });
        } catch (e) {
          error = e;
        }
        running = null;
        lastServedAt = Date.now();
        warned = false;
        // The session's state after this message decides whom it is reserved for.
        holderMidQuery = EXTENDED_QUERY_MESSAGES.has(item.message[0]!);
        holder = holderMidQuery || db.isInTransaction() ? item.handlerId : null;
        this.lastHandlerId = holder;
        if (gone.has(item.handlerId) && holder !== item.handlerId) gone.delete(item.handlerId);
        if (error === undefined) item.resolve(bytes);
        else item.reject(error);
      }
    } finally {
      this.processing = false;
    }
  };

  const watchdog = setInterval(() => {
    const now = Date.now();
    if (running && now - running.since >= warnAfterMs && !warned) {
      warned = true;
      log(`[embedded database] a query of connection ${running.handlerId} has been running for ${Math.round((now - running.since) / 1000)} s; every other query waits for it.`);
      return;
    }
    if (running || holder === null || gone.has(holder)) return;
    const waiting = q.queue.length;
    if (waiting === 0 || q.queue.some((m) => m.handlerId === holder)) return;
    const idle = now - lastServedAt;
    if (idle >= warnAfterMs && !warned) {
      warned = true;
      log(
        `[embedded database] connection ${holder} has held ${holderMidQuery ? "an unfinished query" : "a transaction"} for ${Math.round(idle / 1000)} s without sending anything while ${waiting} message(s) of other connections wait. ` +
          "The embedded database runs one transaction at a time: a query on `db` inside `db.$transaction(async (tx) => ...)` waits forever; use `tx`. " +
          `The connection is closed after ${Math.round(closeIdleHolderAfterMs / 1000)} s.`,
      );
    }
    if (idle >= closeIdleHolderAfterMs) {
      const handler = [...internals.handlers].find((h) => h.handlerId === holder);
      log(`[embedded database] closing connection ${holder}: it held the database for ${Math.round(idle / 1000)} s while others waited.`);
      if (handler?.socket) handler.socket.destroy();
      else gone.add(holder);
      void q.processQueue();
    }
  }, 250);
  watchdog.unref();

  return {
    state: () => ({ holder, waiting: q.queue.length }),
    stop: () => clearInterval(watchdog),
  };
}
