import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** `npm start` with bad configuration: a clear message, exit 1, and nothing created. */
function start(env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "hitdesk-badstart-"));
  const result = spawnSync(process.execPath, ["--import", "./scripts/load-server-code.mjs", "scripts/start.ts"], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HITDESK_DATA_DIR: dataDir, PORT: "3397", NODE_ENV: "production", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, output: result.stdout + result.stderr };
}

describe("npm start with bad configuration", () => {
  it("names a malformed DATABASE_URL", () => {
    const { code, output } = start({ DATABASE_URL: "mysql://localhost/db" });
    expect(code).toBe(1);
    expect(output).toContain("DATABASE_URL: DATABASE_URL must look like postgresql://user:password@host:5432/database");
  });

  it("says when the database server cannot be reached, hiding the password", () => {
    const { code, output } = start({ DATABASE_URL: "postgresql://hitdesk:s3cret@127.0.0.1:9/hitdesk" });
    expect(code).toBe(1);
    expect(output).toContain("Cannot reach the database at postgresql://hitdesk:***@127.0.0.1:9/hitdesk");
    expect(output).not.toContain("s3cret");
  });

  it("refuses a short HITDESK_SECRET", () => {
    const { code, output } = start({ HITDESK_SECRET: "short" });
    expect(code).toBe(1);
    expect(output).toContain("HITDESK_SECRET: HITDESK_SECRET must be at least 32 characters");
  });
});
