import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { dashboardKeyPair, type KeyPair } from "@/lib/marketplace/api-keys";
import { customerId } from "@/lib/marketplace/ids";
import { newWorkforceSeed } from "@/lib/marketplace/simulation/profiles";

export type MarketplaceEnvironment = "sandbox" | "production";

/** AWS's sandbox shows every requester $10,000.00; the ledger starts with the same grant, so it reads as that account's statement. */
export const SANDBOX_GRANT_CENTS = 1_000_000;

export interface RequesterKeys extends KeyPair {
  requesterId: string;
}

/**
 * The built-in marketplace's account for an owner (a HITdesk team) in one environment,
 * created on first call, with the key pair of the dashboard's connection to it (limited to
 * this environment; see api-keys.ts). Safe to call again: returns the same keys.
 */
export async function provisionRequester(ownerRef: string, environment: MarketplaceEnvironment, name: string): Promise<RequesterKeys> {
  return db.$transaction(async (tx) => {
    const existing = await tx.mkRequester.findUnique({ where: { ownerRef_environment: { ownerRef, environment } }, select: { id: true } });
    if (existing) return { requesterId: existing.id, ...(await dashboardKeyPair(tx, ownerRef, environment)) };
    const requesterId = customerId();
    await tx.mkRequester.create({
      data: {
        id: requesterId,
        environment,
        ownerRef,
        name,
        // Any sandbox worker may take the HITs, so a first HIT gets done without recruiting.
        openWorkforce: environment === "sandbox",
      },
    });
    if (environment === "sandbox") {
      await tx.mkLedgerEntry.create({
        data: { requesterId, kind: "sandbox_grant", amountCents: SANDBOX_GRANT_CENTS, refId: requesterId, note: "Sandbox starting balance" },
      });
      await tx.mkSimulatedWorkforce.create({ data: { requesterId, workers: env.HITDESK_SIMULATED_WORKERS, seed: newWorkforceSeed() } });
    }
    return { requesterId, ...(await dashboardKeyPair(tx, ownerRef, environment)) };
  });
}

export async function findRequesterId(ownerRef: string, environment: MarketplaceEnvironment): Promise<string | undefined> {
  const row = await db.mkRequester.findUnique({ where: { ownerRef_environment: { ownerRef, environment } }, select: { id: true } });
  return row?.id;
}
