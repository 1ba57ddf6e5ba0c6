import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/data-dir";
import { env } from "@/lib/env";

const SECRET_FILE = "secret.key";

let master: string | undefined;

/** HITDESK_SECRET, or the key generated into the data folder on first start. */
export function masterSecret(): string {
  if (master) return master;
  if (env.HITDESK_SECRET) return (master = env.HITDESK_SECRET);
  const file = path.join(dataDir(), SECRET_FILE);
  if (!existsSync(file)) {
    // wx: two processes starting at once must not overwrite each other's key.
    try {
      writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  return (master = readFileSync(file, "utf8").trim());
}

/** A purpose-bound key, so one secret never serves two uses. */
export function deriveKey(purpose: string, length = 32): Buffer {
  return Buffer.from(hkdfSync("sha256", masterSecret(), "hitdesk", purpose, length));
}

const VERSION = "v1";

/** AES-256-GCM; the output carries version, IV and tag: `v1.<iv>.<tag>.<ciphertext>`. */
export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey("secrets-at-rest"), iv);
  const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

export function decryptSecret(sealed: string): string {
  const [version, iv, tag, ct] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ct === undefined) throw new Error("Unreadable encrypted secret");
  const decipher = createDecipheriv("aes-256-gcm", deriveKey("secrets-at-rest"), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** A URL-safe random token for links (invites, setup). */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}
