import "server-only";
import { randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { customerId, randomId } from "@/lib/marketplace/ids";
import { newWorkforceSeed } from "@/lib/marketplace/simulation/profiles";

export type MarketplaceEnvironment = "sandbox" | "production";

/** AWS's sandbox shows every requester $10,000.00; ours starts with the same grant. */
export const SANDBOX_GRANT_CENTS = 1_000_000;

export interface RequesterKeys {
  requesterId: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * The built-in marketplace's account for an owner (a HITdesk team) in one environment,
 * created on first call with a fresh key pair. Safe to call again: returns the same keys.
 */
export async function provisionRequester(ownerRef: string, environment: MarketplaceEnvironment, name: string): Promise<RequesterKeys> {
  const existing = await db.mkRequester.findUnique({ where: { ownerRef_environment: { ownerRef, environment } } });
  if (existing) {
    return { requesterId: existing.id, accessKeyId: existing.accessKeyId, secretAccessKey: decryptSecret(existing.secretCiphertext) };
  }
  const keys: RequesterKeys = {
    requesterId: customerId(),
    accessKeyId: "HDAK" + randomId(16),
    secretAccessKey: randomBytes(30).toString("base64").replace(/[+/]/g, "x"),
  };
  await db.$transaction(async (tx) => {
    await tx.mkRequester.create({
      data: {
        id: keys.requesterId,
        environment,
        ownerRef,
        name,
        accessKeyId: keys.accessKeyId,
        secretCiphertext: encryptSecret(keys.secretAccessKey),
        // Any sandbox worker may take the HITs, so a first HIT gets done without recruiting.
        openWorkforce: environment === "sandbox",
      },
    });
    if (environment === "sandbox") {
      await tx.mkLedgerEntry.create({
        data: { requesterId: keys.requesterId, kind: "sandbox_grant", amountCents: SANDBOX_GRANT_CENTS, refId: keys.requesterId, note: "Sandbox starting balance" },
      });
      await tx.mkSimulatedWorkforce.create({ data: { requesterId: keys.requesterId, workers: env.HITDESK_SIMULATED_WORKERS, seed: newWorkforceSeed() } });
    }
  });
  return keys;
}

export async function findRequesterId(ownerRef: string, environment: MarketplaceEnvironment): Promise<string | undefined> {
  const row = await db.mkRequester.findUnique({ where: { ownerRef_environment: { ownerRef, environment } }, select: { id: true } });
  return row?.id;
}
