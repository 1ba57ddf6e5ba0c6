import "server-only";
import { MTurkClient } from "@aws-sdk/client-mturk";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { Conflict } from "@/lib/errors";
import { InProcessMturkApi } from "@/lib/marketplace/admin";
import { AWS_MTURK_ENDPOINTS, MTURK_REGION, builtinEndpointPath } from "@/lib/mturk/endpoints";
import type { EnvironmentName } from "@/lib/scope";

/**
 * The built-in marketplace's address as any MTurk client sees it. HITdesk's own clients sign
 * for it too, but send in-process (InProcessMturkApi): no loopback socket, no Next.
 */
function builtinEndpoint(environment: EnvironmentName): string {
  return `http://127.0.0.1:${env.PORT}${builtinEndpointPath(environment)}`;
}

export const SDK_MAX_ATTEMPTS = 6;

const cache = new Map<string, { version: number; client: MTurkClient }>();

/**
 * The one place that builds MTurk clients: endpoint, region and credentials of a team's
 * connection in one environment.
 *
 * One retry layer per path, never two (they multiply):
 * - interactive calls (a request waiting on one MTurk call): the SDK's own retries, adaptive
 *   mode, SDK_MAX_ATTEMPTS attempts;
 * - job items: `retries: "caller"` (SDK off); the job runner retries the item (lib/jobs/run-jobs.ts),
 *   and sendMturkPaced retries only throttling, as its pacing;
 * - sync: `retries: "caller"`; sendWithBackoff retries (lib/mturk/send-with-backoff.ts).
 */
export async function mturkClient(teamId: string, environment: EnvironmentName, options: { retries?: "sdk" | "caller" } = {}): Promise<MTurkClient> {
  const connection = await db.marketplaceConnection.findUnique({
    where: { teamId_environment: { teamId, environment } },
    omit: { secretCiphertext: false },
  });
  if (!connection) throw new Conflict(`No marketplace connection for ${environment}: set one in Settings`);
  const callerRetries = options.retries === "caller";
  const key = `${teamId}:${environment}${callerRetries ? ":caller" : ""}`;
  const version = connection.updatedAt.getTime();
  const cached = cache.get(key);
  if (cached?.version === version) return cached.client;
  const endpoint = connection.kind === "builtin" ? builtinEndpoint(environment) : connection.kind === "aws" ? AWS_MTURK_ENDPOINTS[environment] : connection.endpoint!;
  const client = new MTurkClient({
    endpoint,
    region: connection.kind === "custom" ? connection.region : MTURK_REGION,
    credentials: { accessKeyId: connection.accessKeyId, secretAccessKey: decryptSecret(connection.secretCiphertext) },
    ...(callerRetries ? { maxAttempts: 1 } : { maxAttempts: SDK_MAX_ATTEMPTS, retryMode: "adaptive" }),
    ...(connection.kind === "builtin" ? { requestHandler: new InProcessMturkApi() } : {}),
  });
  cached?.client.destroy();
  cache.set(key, { version, client });
  return client;
}
