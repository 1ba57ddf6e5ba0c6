/**
 * `npm start`: opens and migrates the database (embedded unless DATABASE_URL), prepares the
 * first login, builds if the sources changed, then serves HITdesk from this one process: the
 * MTurk API on plain node:http (lib/marketplace/node-server.ts), everything else through Next.
 * `--dev` serves with Next's development server instead.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import apiHeaders from "@/lib/http/api-headers.json" with { type: "json" };
import { buildIfNeeded } from "./build-if-needed";

const dev = process.argv.includes("--dev");
// Set before lib/ and Next load: both read it once.
Object.assign(process.env, { NODE_ENV: dev ? "development" : "production", NEXT_TELEMETRY_DISABLED: "1" });

// lib/ is loaded inside main(): invalid configuration then reads as a message, not a stack.
const { appUrl, env } = await import("@/lib/env").catch(fail);
const { masterSecret } = await import("@/lib/crypto");
const { openDatabase } = await import("@/lib/db/open-database");
const { withAdvisoryLock } = await import("@/lib/db/leader-lock");
const { checkSharedSecret } = await import("@/lib/setup/check-shared-secret");
const { prepareFirstRun } = await import("@/lib/setup/first-run");
const { releaseLeasesOfDeadServer } = await import("@/lib/setup/release-leases");

const root = process.cwd();
const STOP_GRACE_MS = 15_000;
// Node closes an idle connection after 5 s, while pooling clients (proxies, load balancers,
// Playwright's request context, SDK agents) may reuse it later: their request then meets a reset.
// Outlasting a typical proxy's idle timeout (60 s) makes the server, not the client, the one that closes.
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
const COMPILED = Symbol.for("hitdesk.serverCodeCompiled");
// Node's rule: longer than the keep-alive timeout, or a request arriving as it ends is cut.
const HEADERS_TIMEOUT_MS = 66_000;

function ensurePrismaClient(): void {
  if (existsSync(path.join(root, "lib", "generated", "prisma", "client.ts"))) return;
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/prisma-generate.ts"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("Generating the Prisma client failed.");
}

async function main(): Promise<void> {
  ensurePrismaClient();
  // Several instances on one Postgres may start at once: one migrates and sets up, then the next.
  const prepare = async () => {
    const database = await openDatabase({ serveEmbedded: true });
    const where = database.kind === "server" ? "Postgres (DATABASE_URL)" : `the embedded database in ${path.resolve(env.HITDESK_DATA_DIR)}`;
    console.log(`Database: ${where}${database.appliedMigrations.length ? `, applied ${database.appliedMigrations.length} migration(s)` : ""}`);
    await checkSharedSecret();
    if (database.kind === "embedded-owned") {
      const interrupted = await releaseLeasesOfDeadServer();
      if (interrupted) console.log(`Resuming ${interrupted} job(s) interrupted when HITdesk last stopped.`);
    }
    return { database, firstRun: await prepareFirstRun() };
  };
  const { database, firstRun } = env.DATABASE_URL ? await withAdvisoryLock(env.DATABASE_URL, "start-up", prepare) : await prepare();

  if (!dev) buildIfNeeded(root);

  // Next's copy of lib/ (in its bundle) reads these when it loads.
  process.env.DATABASE_URL = database.url;
  process.env.HITDESK_SECRET = masterSecret();
  const server = createServer();
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  const { default: next } = await import("next");
  const app = next({ dev, dir: root, hostname: "localhost", port: env.PORT, httpServer: server });
  await app.prepare();
  const handleWithNext = app.getRequestHandler();
  const { handleMturkNodeRequest, mturkEnvironmentOf } = await import("@/lib/marketplace/node-server");

  let stopping = false;
  // The MTurk API goes straight to its handler: Next's routing and web streams cost more than the
  // request's own work. Its Next route (app/api/mturk/[env]) answers the same where Next serves alone.
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (stopping) res.setHeader("Connection", "close");
    const environment = req.method === "POST" || req.method === "OPTIONS" ? mturkEnvironmentOf(req.url) : undefined;
    if (!environment) return void handleWithNext(req, res);
    for (const { key, value } of apiHeaders) res.setHeader(key, value);
    handleMturkNodeRequest(req, res, environment);
  };
  server.on("request", handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, () => resolve());
  });
  // Everything this process runs from lib/ is loaded: tsx's compiler may stop (scripts/load-server-code.mjs).
  (globalThis as { [COMPILED]?: () => void })[COMPILED]?.();

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Open requests finish (their connections then close); a stuck one must not keep HITdesk from
    // stopping. Durable jobs lose nothing to a hard stop: their items resume when the lease expires.
    const forced = setTimeout(() => {
      console.error(`HITdesk did not stop within ${STOP_GRACE_MS / 1000} s; stopping it forcibly.`);
      process.exit(1);
    }, STOP_GRACE_MS);
    // close() ends only the connections idle at that moment; one whose response ends later (an
    // event stream closing on shutdown, a request finishing) would be kept alive for a minute.
    const closeIdle = setInterval(() => server.closeIdleConnections(), 100);
    await new Promise((r) => server.close(r));
    clearInterval(closeIdle);
    await app.close();
    await database.close();
    clearTimeout(forced);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());

  console.log(`\nHITdesk is running at ${appUrl()}`);
  if (firstRun.kind === "setup-url") {
    console.log(`\nNo users yet. Open this one-time link to create the first owner:\n\n  ${firstRun.url}\n`);
  } else if (firstRun.kind === "created-admin") {
    console.log(`Created the first owner ${firstRun.email} from HITDESK_ADMIN_EMAIL.`);
  }
}

function fail(e: unknown): never {
  console.error(`\nHITdesk could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

await main().catch(fail);
