import { readFile, readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine, SchemasContainer } from "@prisma/schema-engine-wasm";
import { withCharColumns } from "./patches/adapter-pg-char-columns";
import { withDollarQuotedScripts } from "./patches/adapter-pg-scripts";

/**
 * Prisma Migrate without the native schema engine (which cannot be downloaded offline): the
 * wasm build of the same engine, driven through the pg driver adapter. It writes Prisma's own
 * `_prisma_migrations` table, so `prisma migrate deploy` stays interchangeable.
 */

export const PRISMA_DIR = path.resolve(process.cwd(), "prisma");
export const SCHEMA_DIR = path.join(PRISMA_DIR, "schema");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");

const require = createRequire(import.meta.url);

async function loadEngineClass(): Promise<typeof SchemaEngine> {
  // The package imports its .wasm as an ES module, which Node 20 cannot do without a flag,
  // so instantiate it by hand the way its glue code expects.
  const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const glue = (await import(gluePath)) as WebAssembly.ModuleImports & {
    __wbg_set_wasm(exports: WebAssembly.Exports): void;
    SchemaEngine: typeof SchemaEngine;
  };
  const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue.SchemaEngine;
}

let engineClass: Promise<typeof SchemaEngine> | undefined;

// The engine reports a Rust panic's message through this global before it throws.
const panics = globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
panics.PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message(message: string) {
    console.error(`Prisma schema engine panicked: ${message}`);
  },
};

export async function readSchemas(): Promise<SchemasContainer> {
  const names = (await readdir(SCHEMA_DIR)).filter((n) => n.endsWith(".prisma")).sort();
  const files = await Promise.all(names.map(async (n) => ({ path: path.join(SCHEMA_DIR, n), content: await readFile(path.join(SCHEMA_DIR, n), "utf8") })));
  return { files };
}

export async function readMigrations(): Promise<MigrationList> {
  const entries = await readdir(MIGRATIONS_DIR).catch(() => [] as string[]);
  const dirs: string[] = [];
  for (const e of entries.sort()) {
    if ((await stat(path.join(MIGRATIONS_DIR, e))).isDirectory()) dirs.push(e);
  }
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: "migration_lock.toml", content: await readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      dirs.map(async (d) => {
        const file = path.join(MIGRATIONS_DIR, d, "migration.sql");
        const content = await readFile(file, "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (e: unknown) => ({ tag: "error" as const, value: String(e) }),
        );
        return { path: d, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

/** Opens the engine on `url`; `shadowUrl` is an empty database used to replay migrations for diffs. */
export async function openSchemaEngine(url: string, shadowUrl?: string): Promise<{ engine: SchemaEngine; close: () => Promise<void> }> {
  engineClass ??= loadEngineClass();
  const Engine = await engineClass;
  const pools = [url, ...(shadowUrl && shadowUrl !== url ? [shadowUrl] : [])].map((u) => new pg.Pool({ connectionString: u, max: 2 }));
  const main = new PrismaPg(pools[0]!);
  const shadow = pools[1] ? new PrismaPg(pools[1]) : main;
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => withDollarQuotedScripts(withCharColumns(await main.connect())),
    connectToShadowDb: async () => withDollarQuotedScripts(withCharColumns(await shadow.connect())),
  };
  const schemas = await readSchemas();
  const engine = await Engine.new({ datamodels: schemas.files.map((f) => [f.path, f.content] as [string, string]) }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
  return {
    engine,
    close: async () => {
      engine.free();
      await Promise.all(pools.map((p) => p.end()));
    },
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/** Applies every pending migration in prisma/migrations; returns the names applied. */
export async function applyMigrations(url: string): Promise<string[]> {
  const { engine, close } = await openSchemaEngine(url);
  try {
    const out = await engine.applyMigrations({ migrationsList: await readMigrations(), filters: noFilters });
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}

/** SQL that takes a database at the state of prisma/migrations to the state of prisma/schema. */
export async function diffMigrationsToSchema(shadowUrl: string): Promise<string> {
  const { engine, close } = await openSchemaEngine(shadowUrl, shadowUrl);
  try {
    const out = await engine.diff({
      from: { tag: "migrations", ...(await readMigrations()) },
      to: { tag: "schemaDatamodel", ...(await readSchemas()) },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return out.stdout ?? "";
  } finally {
    await close();
  }
}
