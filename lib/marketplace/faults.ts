import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { MturkServiceFault, MturkThrottlingError } from "@/lib/marketplace/errors";
import type { MarketplaceEnvironment } from "@/lib/marketplace/requesters";

/**
 * Fault injection for tests and benchmarks, off unless configured: a request rate limit per
 * requester (token bucket), a rate of ServiceFaults, added latency. Set per environment by
 * HITDESK_MARKETPLACE_FAULTS_<ENV> (JSON) or per requester (MkRequester.faults, which wins).
 * Buckets live in this process's memory: with several app instances each enforces the rate.
 */
export const FaultsInput = z
  .object({
    rateLimitPerSecond: z.number().positive("rateLimitPerSecond must be more than 0").max(100_000).optional(),
    burst: z.number().int().positive().max(100_000).optional(),
    serviceFaultRate: z.number().min(0, "serviceFaultRate is between 0 and 1").max(1, "serviceFaultRate is between 0 and 1").optional(),
    latencyMs: z.number().int().min(0).max(60_000, "latencyMs is at most 60000").optional(),
  })
  .strict();
export type Faults = z.infer<typeof FaultsInput>;

function fromEnv(value: string | undefined, name: string): Faults | undefined {
  if (!value) return undefined;
  const parsed = FaultsInput.safeParse(JSON.parse(value));
  if (!parsed.success) throw new Error(`${name}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  return parsed.data;
}

const environmentFaults: Record<MarketplaceEnvironment, Faults | undefined> = {
  sandbox: fromEnv(env.HITDESK_MARKETPLACE_FAULTS_SANDBOX, "HITDESK_MARKETPLACE_FAULTS_SANDBOX"),
  production: fromEnv(env.HITDESK_MARKETPLACE_FAULTS_PRODUCTION, "HITDESK_MARKETPLACE_FAULTS_PRODUCTION"),
};

const CACHE_MS = 2_000;
// On globalThis: the MTurk API (served before Next, scripts/start.ts) and Next's bundle each load
// this module; one process enforces one rate per requester, and a change applies at once.
type Configs = Map<string, { faults: Faults | undefined; until: number }>;
type Buckets = Map<string, { tokens: number; at: number }>;
const store = globalThis as unknown as { hitdeskFaultConfigs?: Configs; hitdeskFaultBuckets?: Buckets };
const configs = (store.hitdeskFaultConfigs ??= new Map() as Configs);
const buckets = (store.hitdeskFaultBuckets ??= new Map() as Buckets);

async function faultsFor(requesterId: string, environment: MarketplaceEnvironment): Promise<Faults | undefined> {
  const cached = configs.get(requesterId);
  if (cached && cached.until > Date.now()) return cached.faults;
  const row = await db.mkRequester.findUnique({ where: { id: requesterId }, select: { faults: true } });
  const own = row?.faults ? FaultsInput.parse(row.faults) : undefined;
  const faults = own ?? environmentFaults[environment];
  configs.set(requesterId, { faults, until: Date.now() + CACHE_MS });
  return faults;
}

function takeToken(requesterId: string, perSecond: number, burst: number): boolean {
  const now = Date.now();
  const bucket = buckets.get(requesterId) ?? { tokens: burst, at: now };
  bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
  bucket.at = now;
  buckets.set(requesterId, bucket);
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}

/** Called before an operation does any work, so an injected fault never half-applies. */
export async function injectFaults(requesterId: string, environment: MarketplaceEnvironment): Promise<void> {
  const faults = await faultsFor(requesterId, environment);
  if (!faults) return;
  if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
  if (faults.rateLimitPerSecond && !takeToken(requesterId, faults.rateLimitPerSecond, faults.burst ?? Math.max(1, Math.ceil(faults.rateLimitPerSecond)))) {
    throw new MturkThrottlingError();
  }
  if (faults.serviceFaultRate && Math.random() < faults.serviceFaultRate) throw new MturkServiceFault();
}

/** For the owner-only settings panel and tests; null switches a requester's own faults off. */
export async function setRequesterFaults(requesterId: string, faults: Faults | null): Promise<void> {
  await db.mkRequester.update({ where: { id: requesterId }, data: { faults: faults === null ? Prisma.DbNull : FaultsInput.parse(faults) } });
  configs.delete(requesterId);
  buckets.delete(requesterId);
}
