import "server-only";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { anySealedKeySecret } from "@/lib/marketplace/admin";

/**
 * Refuses to serve a database whose secrets were encrypted with another HITDESK_SECRET: an
 * instance started without the others' secret (it generates one into its own data folder)
 * could read no marketplace credentials and would sign sessions nobody else accepts.
 */
export async function checkSharedSecret(): Promise<void> {
  const sealed = (await db.marketplaceConnection.findFirst({ select: { secretCiphertext: true } }))?.secretCiphertext ?? (await anySealedKeySecret());
  if (!sealed) return;
  try {
    decryptSecret(sealed);
  } catch {
    throw new Error(
      "This database's secrets were encrypted with another HITDESK_SECRET. Every HITdesk instance on one database needs the same HITDESK_SECRET (copy it from the first instance's data folder, file secret.key, or set it in the environment).",
    );
  }
}
