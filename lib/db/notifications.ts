import "server-only";
import pg from "pg";
import { databaseUrl } from "@/lib/db/url";
import { shutdownSignal } from "@/lib/shutdown";

export type NotificationHandler = (payload: string) => void;

const RECONNECT_MS = 1_000;

/**
 * Postgres LISTEN for one process: a dedicated connection (a LISTEN holds its session, so it
 * cannot come from the pool) that listens on the channels handlers asked for and hands each
 * notification to them. Notifications are sent with pg_notify inside the writing transaction, so
 * they arrive only once it commits, at every process listening on the same Postgres.
 *
 * A lost connection is reopened after a second and listens again; what was sent meanwhile is
 * missed (the background sync catches up).
 *
 * The embedded database (PGlite) runs one Postgres session for every connection on its socket:
 * a LISTEN from any of them makes that session listen, and a notification comes back on the
 * connection whose query committed it, not on the idle listening one. `deliver` takes those
 * (lib/db.ts hands it every notification a pool connection receives); the embedded database
 * serves one HITdesk server, whose pool committed every change, so that process still sees all.
 */
export class NotificationListener {
  private readonly handlers = new Map<string, Set<NotificationHandler>>();
  /** LISTENs sent on the open connection for channels asked for after it opened. */
  private readonly listening = new Set<Promise<void>>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly url: () => string = databaseUrl) {}

  /** Calls `handler` with the payload of each notification on `channel`; returns the unsubscribe. */
  listen(channel: string, handler: NotificationHandler): () => void {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      const client = this.client;
      if (client) {
        const listening = client.query(`LISTEN ${pg.escapeIdentifier(channel)}`).then(
          () => undefined,
          () => this.drop(client),
        );
        this.listening.add(listening);
        void listening.finally(() => this.listening.delete(listening));
      }
    }
    set.add(handler);
    void this.ready().catch(() => undefined);
    return () => set.delete(handler);
  }

  /** Resolves once the connection listens on every channel asked for so far. */
  async ready(): Promise<void> {
    if (this.closed) return;
    await (this.connecting ??= this.connect().catch((e: unknown) => {
      this.reconnectSoon();
      throw e;
    }));
    await Promise.all(this.listening);
  }

  deliver(channel: string, payload: string): void {
    for (const handler of this.handlers.get(channel) ?? []) {
      try {
        handler(payload);
      } catch (e) {
        console.error(`[notifications] a handler of ${channel} failed`, e);
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url(),
      // A listener cut off by the network must notice within minutes and listen again.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      application_name: "hitdesk listen",
      connectionTimeoutMillis: 10_000,
    });
    client.on("notification", (n) => this.deliver(n.channel, n.payload ?? ""));
    client.on("error", () => this.drop(client));
    client.on("end", () => this.drop(client));
    await client.connect();
    if (this.closed) {
      await client.end();
      return;
    }
    this.client = client;
    try {
      for (const channel of this.handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (e) {
      this.drop(client);
      throw e;
    }
  }

  private drop(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    this.reconnectSoon();
  }

  private reconnectSoon(): void {
    this.connecting = undefined;
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.ready().catch(() => undefined);
    }, RECONNECT_MS);
    this.retry.unref();
  }
}

// On globalThis: `npm start` loads lib/ twice (its own copy serves the MTurk API, Next's bundle the
// rest), and both must share the process's one listening connection and its handlers.
const PROCESS_LISTENER = Symbol.for("hitdesk.notificationListener");
const globalForListener = globalThis as unknown as { [PROCESS_LISTENER]?: NotificationListener };

/** This process's listener, created (without connecting) on first use; closed when the server stops. */
export function processNotifications(): NotificationListener {
  let listener = globalForListener[PROCESS_LISTENER];
  if (!listener) {
    const created = (listener = globalForListener[PROCESS_LISTENER] = new NotificationListener());
    shutdownSignal().addEventListener("abort", () => void created.close(), { once: true });
  }
  return listener;
}

/** Hands notifications a pooled connection receives (the embedded database's way, see above) to the process's listener. */
export function forwardPoolNotifications(pool: pg.Pool, listener: () => NotificationListener = processNotifications): void {
  pool.on("connect", (client) => client.on("notification", (n) => listener().deliver(n.channel, n.payload ?? "")));
}
