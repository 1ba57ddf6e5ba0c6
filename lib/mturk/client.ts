import "server-only";
import { MTurkClient } from "@aws-sdk/client-mturk";
import type { EnvironmentName } from "@/lib/auth/roles";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { HttpError } from "@/lib/http-error";
import { AWS_MTURK_ENDPOINTS, MTURK_REGION, builtinEndpointPath } from "@/lib/mturk/endpoints";

/** The server reaches its own built-in marketplace over loopback, like any other endpoint. */
function builtinEndpoint(environment: EnvironmentName): string {
  return `http://127.0.0.1:${env.PORT}${builtinEndpointPath(environment)}`;
}

const cache = new Map<string, { version: number; client: MTurkClient }>();

/**
 * The one place that builds MTurk clients: endpoint, region and credentials of a team's
 * connection in one environment. The SDK retries throttling and service faults (adaptive mode),
 * unless `retries: "caller"`: then every call is one request and the caller paces and retries
 * (lib/mturk/send-paced.ts, for bulk work that should run at the account's rate limit).
 */
export async function mturkClient(teamId: string, environment: EnvironmentName, options: { retries?: "sdk" | "caller" } = {}): Promise<MTurkClient> {
  const connection = await db.marketplaceConnection.findUnique({
    where: { teamId_environment: { teamId, environment } },
    omit: { secretCiphertext: false },
  });
  if (!connection) throw new HttpError(409, `No marketplace connection for ${environment}: set one in Settings`);
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
    ...(callerRetries ? { maxAttempts: 1 } : { maxAttempts: 6, retryMode: "adaptive" }),
  });
  cached?.client.destroy();
  cache.set(key, { version, client });
  return client;
}
