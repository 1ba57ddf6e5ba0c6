import { mkdirSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

/** The folder holding the embedded database, the generated secret and runtime state. */
export function dataDir(): string {
  const dir = path.resolve(env.HITDESK_DATA_DIR);
  mkdirSync(dir, { recursive: true });
  return dir;
}
