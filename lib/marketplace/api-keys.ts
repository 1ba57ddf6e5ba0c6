import "server-only";
import { randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import type { db, Tx } from "@/lib/db";
import type { MkEnvironment } from "@/lib/generated/prisma/client";
import { randomId } from "@/lib/marketplace/ids";

/**
 * An owner's API keys (mk_api_key) and their access key ID / secret pairs (mk_api_key_secret).
 * Secrets are stored encrypted, not hashed: SigV4 verification recomputes the signature
 * from the plain secret.
 */
export type ApiKeyPurpose = "user" | "cli" | "dashboard";

export interface KeyPair {
  accessKeyId: string;
  secretAccessKey: string;
}

/** 20-character key IDs and 40-character secrets, shaped like AWS's, safe in shells and URLs. */
function newKeyPair(): KeyPair {
  return { accessKeyId: "HDAK" + randomId(16), secretAccessKey: randomBytes(30).toString("base64").replace(/[+/]/g, "x") };
}

/** A new secret for the key; the caller decides what becomes of the older ones. */
export async function addKeySecret(tx: Tx, keyId: string): Promise<KeyPair> {
  const pair = newKeyPair();
  await tx.mkApiKeySecret.create({ data: { accessKeyId: pair.accessKeyId, keyId, secretCiphertext: encryptSecret(pair.secretAccessKey) } });
  return pair;
}

export async function insertApiKey(tx: Tx, input: { ownerRef: string; name: string; purpose: ApiKeyPurpose; environment: MkEnvironment | null }): Promise<{ id: string; pair: KeyPair }> {
  const key = await tx.mkApiKey.create({ data: input, select: { id: true } });
  return { id: key.id, pair: await addKeySecret(tx, key.id) };
}

/** The key's newest secret that has no end (rotation ends the others), decrypted. */
export async function currentKeyPair(tx: Tx | typeof db, keyId: string): Promise<KeyPair | undefined> {
  const row = await tx.mkApiKeySecret.findFirst({
    where: { keyId, expiresAt: null },
    orderBy: { createdAt: "desc" },
    select: { accessKeyId: true, secretCiphertext: true },
  });
  return row ? { accessKeyId: row.accessKeyId, secretAccessKey: decryptSecret(row.secretCiphertext) } : undefined;
}

/**
 * The key the dashboard's own connection to this environment signs with: made with the
 * requester, limited to its environment, and never shown in the key manager (so nobody
 * revokes the dashboard's access by mistake).
 */
export async function dashboardKeyPair(tx: Tx, ownerRef: string, environment: MkEnvironment): Promise<KeyPair> {
  const key = await tx.mkApiKey.findFirst({ where: { ownerRef, purpose: "dashboard", environment, revokedAt: null }, orderBy: { createdAt: "asc" }, select: { id: true } });
  const pair = key && (await currentKeyPair(tx, key.id));
  if (pair) return pair;
  return (await insertApiKey(tx, { ownerRef, name: "Dashboard connection", purpose: "dashboard", environment })).pair;
}
