/**
 * `npm start`: opens and migrates the database (embedded unless DATABASE_URL), prepares the
 * first login, builds if the sources changed, then serves HITdesk with `next start`.
 * `--dev` serves with `next dev` instead.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

// lib/ is loaded inside main(): invalid configuration then reads as a message, not a stack.
const { appUrl, env } = await import("@/lib/env").catch(fail);
const { masterSecret } = await import("@/lib/crypto");
const { openDatabase } = await import("@/lib/db/open-database");
const { prepareFirstRun } = await import("@/lib/setup/first-run");

const dev = process.argv.includes("--dev");
const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const STOP_GRACE_MS = 15_000;

const BUILD_INPUTS = ["app", "components", "lib", "public", "prisma/schema", "next.config.js", "package-lock.json", "tsconfig.json", "postcss.config.mjs", "instrumentation.ts"];

function sourceFingerprint(): string {
  const hash = createHash("sha256");
  const visit = (p: string) => {
    if (!existsSync(p) || p.includes(`${path.sep}generated${path.sep}`)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) visit(path.join(p, name));
    } else {
      hash.update(`${path.relative(root, p)}:${st.size}:${st.mtimeMs}\n`);
    }
  };
  for (const input of BUILD_INPUTS) visit(path.join(root, input));
  return hash.digest("hex");
}

function buildIfNeeded(): void {
  const marker = path.join(root, ".next", "hitdesk-build.txt");
  const fingerprint = sourceFingerprint();
  if (existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(marker) && readFileSync(marker, "utf8") === fingerprint) return;
  console.log("Building HITdesk (first start, or the sources changed)...");
  const result = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("The build failed; see the output above.");
  writeFileSync(marker, fingerprint);
}

function ensurePrismaClient(): void {
  if (existsSync(path.join(root, "lib", "generated", "prisma", "client.ts"))) return;
  const result = spawnSync(process.execPath, [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/prisma-generate.ts"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("Generating the Prisma client failed.");
}

async function main(): Promise<void> {
  ensurePrismaClient();
  const database = await openDatabase({ serveEmbedded: true });
  const where = database.kind === "server" ? "Postgres (DATABASE_URL)" : `the embedded database in ${path.resolve(env.HITDESK_DATA_DIR)}`;
  console.log(`Database: ${where}${database.appliedMigrations.length ? `, applied ${database.appliedMigrations.length} migration(s)` : ""}`);
  const firstRun = await prepareFirstRun();

  if (!dev) buildIfNeeded();

  const child = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(env.PORT)], {
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: dev ? "development" : "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: database.url,
      HITDESK_SECRET: masterSecret(),
    },
  });

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      // Next waits for open requests; a stuck one must not keep HITdesk from stopping. Durable
      // jobs lose nothing to a hard stop: their items resume when the lease expires.
      const forced = setTimeout(() => {
        console.error(`HITdesk did not stop within ${STOP_GRACE_MS / 1000} s; stopping it forcibly.`);
        child.kill("SIGKILL");
      }, STOP_GRACE_MS);
      await new Promise((r) => child.once("exit", r));
      clearTimeout(forced);
    }
    await database.close();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  child.on("exit", (code) => void stop(code ?? 1));

  await waitForServer();
  console.log(`\nHITdesk is running at ${appUrl()}`);
  if (firstRun.kind === "setup-url") {
    console.log(`\nNo users yet. Open this one-time link to create the first owner:\n\n  ${firstRun.url}\n`);
  } else if (firstRun.kind === "created-admin") {
    console.log(`Created the first owner ${firstRun.email} from HITDESK_ADMIN_EMAIL.`);
  }
}

async function waitForServer(): Promise<void> {
  const url = `http://127.0.0.1:${env.PORT}/api/health`;
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function fail(e: unknown): never {
  console.error(`\nHITdesk could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

await main().catch(fail);
