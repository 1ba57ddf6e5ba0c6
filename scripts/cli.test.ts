import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";

/** `npm run cli -- --help`, as an administrator runs it. */
function help(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "--conditions=react-server", "scripts/cli.ts", "--help"], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, output: result.stdout + result.stderr };
}

describe("npm run cli -- --help", { timeout: 90_000 }, () => {
  it("lists the slugs --team takes", async () => {
    const slug = `help-team-${Date.now()}`;
    await db.team.create({ data: { slug, name: "Help Lab" } });
    const { code, output } = help({ DATABASE_URL: process.env.DATABASE_URL!, HITDESK_DATA_DIR: process.env.HITDESK_DATA_DIR! });
    expect(code).toBe(0);
    expect(output).toContain("Usage: npm run cli -- <command> [options]");
    expect(output).toMatch(new RegExp(`Teams \\(--team SLUG\\):[\\s\\S]*${slug} +Help Lab`));
  });

  it("creates no database where there is none", () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "hitdesk-help-"));
    const { code, output } = help({ HITDESK_DATA_DIR: dataDir });
    expect(code).toBe(0);
    expect(output).toContain("Usage: npm run cli -- <command> [options]");
    expect(output).not.toContain("Teams (--team SLUG)");
    expect(existsSync(path.join(dataDir, "pglite"))).toBe(false);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
