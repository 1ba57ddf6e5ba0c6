import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { PASSWORD_FILE } from "@/lib/db/embedded-auth";
import { runningEmbeddedDatabase, startEmbeddedDatabase } from "@/lib/db/embedded";

/** The embedded database's port asks for the install's password; its folder is the owner's alone. */

const root = mkdtempSync(path.join(os.tmpdir(), "hitdesk-embedded-auth-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const mode = (p: string) => statSync(p).mode & 0o777;

async function query(url: string, sql = "SELECT 1 AS one"): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on("error", () => {});
  try {
    await client.connect();
    return (await client.query(sql)).rows;
  } finally {
    await client.end().catch(() => {});
  }
}

function withPassword(url: string, password: string | null): string {
  const u = new URL(url);
  if (password === null) u.password = "";
  else u.password = password;
  return u.toString();
}

describe("embedded database password", () => {
  // Creating a database on disk (initdb) takes seconds on a busy machine.
  it("makes a password (0600) in a folder made before passwords existed, tightens the folder to 0700, and refuses other passwords", { timeout: 120_000 }, async () => {
    const dir = path.join(root, "old-install");
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755); // as an older HITdesk (or a umask of 022) left it
    const db = await startEmbeddedDatabase(dir);
    try {
      expect(mode(dir)).toBe(0o700);
      const passwordFile = path.join(dir, PASSWORD_FILE);
      expect(mode(passwordFile)).toBe(0o600);
      const password = readFileSync(passwordFile, "utf8").trim();
      expect(password.length).toBeGreaterThanOrEqual(40);
      expect(decodeURIComponent(new URL(db.url).password)).toBe(password);

      expect(await query(db.url)).toEqual([{ one: 1 }]);
      await expect(query(withPassword(db.url, "postgres"))).rejects.toThrow(/password authentication failed/);
      await expect(query(withPassword(db.url, `${password}x`))).rejects.toThrow(/password authentication failed/);
      // The CLI and other processes find the running server, password included.
      expect(await query(runningEmbeddedDatabase(dir)!)).toEqual([{ one: 1 }]);
    } finally {
      await db.stop();
    }
  });

  it("keeps the password across restarts and fixes a password file's mode", { timeout: 120_000 }, async () => {
    const dir = path.join(root, "restarted");
    const first = await startEmbeddedDatabase(dir);
    const url = first.url;
    await first.stop();
    chmodSync(path.join(dir, PASSWORD_FILE), 0o644);
    const second = await startEmbeddedDatabase(dir);
    try {
      expect(mode(path.join(dir, PASSWORD_FILE))).toBe(0o600);
      expect(new URL(second.url).password).toBe(new URL(url).password);
      expect(await query(second.url)).toEqual([{ one: 1 }]);
    } finally {
      await second.stop();
    }
  });

  it("answers a TLS request with 'no' and still asks for the password; refuses garbage and silent clients", async () => {
    const db = await startEmbeddedDatabase(undefined);
    try {
      const { port } = new URL(db.url);
      const reply = await new Promise<Buffer>((resolve, reject) => {
        const s = net.connect(Number(port), "127.0.0.1", () => {
          const ssl = Buffer.alloc(8);
          ssl.writeInt32BE(8, 0);
          ssl.writeInt32BE(80877103, 4);
          const params = Buffer.from("user\0postgres\0database\0postgres\0\0");
          const startup = Buffer.alloc(8);
          startup.writeInt32BE(8 + params.length, 0);
          startup.writeInt32BE(196608, 4);
          s.write(Buffer.concat([ssl, startup, params]));
        });
        let got = Buffer.alloc(0);
        s.on("data", (d) => {
          got = Buffer.concat([got, d]);
          if (got.length >= 24) {
            s.destroy();
            resolve(got);
          }
        });
        s.on("error", reject);
      });
      expect(reply.subarray(0, 1).toString()).toBe("N");
      // AuthenticationSASL (R, code 10) offering SCRAM-SHA-256: not AuthenticationOk.
      expect(reply.subarray(1, 2).toString()).toBe("R");
      expect(reply.readInt32BE(6)).toBe(10);
      expect(reply.subarray(10).toString()).toContain("SCRAM-SHA-256");

      const closed = await new Promise<string>((resolve) => {
        const s = net.connect(Number(port), "127.0.0.1", () => s.write("GET / HTTP/1.1\r\n\r\n"));
        let got = "";
        s.on("data", (d) => (got += d.toString()));
        s.on("close", () => resolve(got));
      });
      expect(closed).toContain("password authentication failed");
      expect(await query(db.url)).toEqual([{ one: 1 }]);
    } finally {
      await db.stop();
    }
  });
});
