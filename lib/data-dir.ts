import { mkdirSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * The folder holding the embedded database, the generated secret and runtime state: made
 * owner-only (0700). The embedded database also tightens a folder made before (lib/db/embedded.ts).
 */
export function dataDir(): string {
  const dir = path.resolve(env.HITDESK_DATA_DIR);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
