/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
 * with the SQL from the current migrations to prisma/schema, offline: the migrations are
 * replayed into a throw-away in-memory PGlite instead of a shadow database.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { MIGRATIONS_DIR, diffMigrationsToSchema } from "@/lib/db/schema-engine";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lower-case letters, digits and _)");
  process.exit(2);
}

const shadow = await startEmbeddedDatabase(undefined);
try {
  const sql = await diffMigrationsToSchema(shadow.url);
  if (!sql.trim() || /^-- This is an empty migration/.test(sql.trim())) {
    console.log("prisma/schema matches the migrations: nothing to write.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  await shadow.stop();
}
