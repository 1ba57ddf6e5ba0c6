import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseUrl } from "@/lib/db/url";
import { createTeam } from "@/lib/teams/create-team";
import { createUser } from "@/lib/users/create-user";

describe("several instances on one database", () => {
  it("npm start refuses a database whose secrets were sealed with another HITDESK_SECRET", async () => {
    const tag = randomBytes(4).toString("hex");
    const user = await createUser({ email: `secret-${tag}@example.com`, password: "test-password-123", name: `Secret ${tag}` });
    // Its built-in marketplace connection is encrypted with this run's secret.
    await createTeam({ name: `Secret ${tag}`, ownerUserId: user.id });

    const dataDir = mkdtempSync(path.join(os.tmpdir(), "hitdesk-othersecret-"));
    try {
      const result = spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "scripts/start.ts"], {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          HITDESK_DATA_DIR: dataDir,
          PORT: "3398",
          NODE_ENV: "production",
          DATABASE_URL: databaseUrl(),
          HITDESK_SECRET: randomBytes(32).toString("hex"),
        },
        encoding: "utf8",
        timeout: 90_000,
      });
      expect(result.status, result.stdout + result.stderr).toBe(1);
      expect(result.stdout + result.stderr).toContain("This database's secrets were encrypted with another HITDESK_SECRET");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
