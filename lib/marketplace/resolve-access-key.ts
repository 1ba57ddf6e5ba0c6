import "server-only";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import type { MarketplaceEnvironment } from "@/lib/marketplace/requesters";
import { selectAccessKey } from "@/lib/marketplace/sql";

/**
 * What SigV4 verification needs to know about an access key ID, cached briefly so a busy
 * client costs one lookup per key every few seconds rather than one per request.
 */
export interface ResolvedKey {
  keyId: string;
  ownerRef: string;
  accessKeyId: string;
  secret: string;
  /** Null: both environments. */
  restriction: MarketplaceEnvironment | null;
  /** The owner's requester per environment, filled as requests arrive (null: has none). */
  requesters: Partial<Record<MarketplaceEnvironment, string | null>>;
  lastUsedAt: number | null;
  until: number;
}

/**
 * A revocation, rotation or restriction made elsewhere takes effect here within this time;
 * in the process that made it, at once (forgetAccessKeys).
 */
const CACHE_MS = 5_000;
/** Last use is written at most this often per key, so signing stays (almost) read-only. */
export const LAST_USE_WRITE_MS = 60_000;

// On globalThis: Next may bundle this module into several route chunks, and the key
// manager's routes must reach the same cache as the MTurk endpoint's.
const store = globalThis as unknown as { hitdeskAccessKeys?: Map<string, ResolvedKey> };
const cache = (store.hitdeskAccessKeys ??= new Map<string, ResolvedKey>());

export async function resolveAccessKey(accessKeyId: string): Promise<ResolvedKey | undefined> {
  const now = Date.now();
  const cached = cache.get(accessKeyId);
  if (cached && cached.until > now) return cached;
  cache.delete(accessKeyId);
  const key = await selectAccessKey(accessKeyId);
  if (!key || (key.expiresAt && key.expiresAt.getTime() <= now) || key.revokedAt) return undefined;
  const entry: ResolvedKey = {
    keyId: key.keyId,
    ownerRef: key.ownerRef,
    accessKeyId,
    secret: decryptSecret(key.secretCiphertext),
    restriction: key.environment,
    requesters: {},
    lastUsedAt: key.lastUsedAt?.getTime() ?? null,
    until: Math.min(now + CACHE_MS, key.expiresAt?.getTime() ?? Infinity),
  };
  cache.set(accessKeyId, entry);
  return entry;
}

/** The key owner's requester in this environment, if the owner has one there. */
export async function requesterForKey(key: ResolvedKey, environment: MarketplaceEnvironment): Promise<string | undefined> {
  if (!(environment in key.requesters)) {
    const row = await db.mkRequester.findUnique({ where: { ownerRef_environment: { ownerRef: key.ownerRef, environment } }, select: { id: true } });
    key.requesters[environment] = row?.id ?? null;
  }
  return key.requesters[environment] ?? undefined;
}

/**
 * Records that the key signed a request to this environment, unless that was recorded less
 * than a minute ago (here or, through the condition, by another process).
 */
export async function noteKeyUse(key: ResolvedKey, environment: MarketplaceEnvironment): Promise<void> {
  const now = Date.now();
  if (key.lastUsedAt !== null && now - key.lastUsedAt < LAST_USE_WRITE_MS) return;
  key.lastUsedAt = now;
  await db.mkApiKey.updateMany({
    where: { id: key.keyId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - LAST_USE_WRITE_MS) } }] },
    data: { lastUsedAt: new Date(now), lastUsedEnvironment: environment, lastUsedAccessKeyId: key.accessKeyId },
  });
}

/** Drops cached keys after a change, so this process applies it to the next request. */
export function forgetAccessKeys(accessKeyIds: Iterable<string>): void {
  for (const id of accessKeyIds) cache.delete(id);
}
