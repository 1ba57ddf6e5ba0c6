/**
 * `prisma generate` offline: the CLI insists on locating its native schema engine even though
 * generating the client never runs it, so point it at any existing file.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const result = spawnSync(process.execPath, [path.join("node_modules", "prisma", "build", "index.js"), "generate"], {
  stdio: "inherit",
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
});
process.exit(result.status ?? 1);
