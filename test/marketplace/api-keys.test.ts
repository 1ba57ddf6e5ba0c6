import { randomBytes } from "node:crypto";
import { CreateHITCommand, GetAccountBalanceCommand, GetHITCommand, ListHITsCommand, MTurkClient } from "@aws-sdk/client-mturk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createApiKey, listApiKeys, restrictApiKey, revokeApiKey, rotateApiKey, ROTATION_GRACE_MS } from "@/lib/marketplace/admin";
import { serveMarketplace } from "@/lib/marketplace/node-server";
import { provisionRequester, type MarketplaceEnvironment } from "@/lib/marketplace/requesters";
import { forgetAccessKeys } from "@/lib/marketplace/resolve-access-key";
import { HTML_QUESTION } from "./harness";

/**
 * A team's API keys through the real SDK: one key pair for both endpoints (the endpoint
 * picks the environment, as on AWS), or restricted to one; rotated and revoked.
 */
let base: string;
let server: Awaited<ReturnType<typeof serveMarketplace>>["server"];
let owner: string;
const requesters = {} as Record<MarketplaceEnvironment, string>;
const clients: MTurkClient[] = [];

beforeAll(async () => {
  const started = await serveMarketplace();
  server = started.server;
  base = `http://127.0.0.1:${started.port}/api/mturk`;
  owner = `keys-${randomBytes(6).toString("hex")}`;
  requesters.sandbox = (await provisionRequester(owner, "sandbox", "Keys lab")).requesterId;
  requesters.production = (await provisionRequester(owner, "production", "Keys lab")).requesterId;
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await new Promise((resolve) => server.close(resolve));
});

function client(environment: MarketplaceEnvironment, keys: { accessKeyId: string; secretAccessKey: string }): MTurkClient {
  const c = new MTurkClient({ endpoint: `${base}/${environment}`, region: "us-east-1", credentials: keys, maxAttempts: 1 });
  clients.push(c);
  return c;
}

async function newKey(name: string, environment: MarketplaceEnvironment | null = null) {
  const { key, secretAccessKey } = await createApiKey(owner, { name: `${name} ${randomBytes(3).toString("hex")}`, environment });
  return { key, keys: { accessKeyId: key.accessKeyId, secretAccessKey } };
}

const balance = (c: MTurkClient) => c.send(new GetAccountBalanceCommand({})).then((r) => r.AvailableBalance);
const errorName = (p: Promise<unknown>) =>
  p.then(
    () => "succeeded",
    (e: Error) => e.name,
  );

describe("one key pair, two endpoints", () => {
  it("works at both endpoints and each call lands in the environment its endpoint names", async () => {
    const { keys } = await newKey("psiTurk");
    const sandbox = client("sandbox", keys);
    const production = client("production", keys);
    expect(await balance(sandbox)).toBe("10000.00");
    expect(await balance(production)).toBe("0.00");

    const { HIT } = await sandbox.send(
      new CreateHITCommand({ Title: "Sandbox only", Description: "Made at the sandbox endpoint", Reward: "0.05", LifetimeInSeconds: 3600, AssignmentDurationInSeconds: 300, Question: HTML_QUESTION }),
    );
    const stored = await db.mkHit.findUniqueOrThrow({ where: { id: HIT!.HITId! } });
    expect(stored.requesterId).toBe(requesters.sandbox);
    expect((await sandbox.send(new GetHITCommand({ HITId: HIT!.HITId }))).HIT?.Title).toBe("Sandbox only");
    await expect(production.send(new GetHITCommand({ HITId: HIT!.HITId }))).rejects.toMatchObject({ name: "RequestError" });
    expect((await production.send(new ListHITsCommand({}))).HITs ?? []).toEqual([]);
  });

  it("refuses a key restricted to the sandbox at the production endpoint, as AWS refuses a key without permission", async () => {
    const { key, keys } = await newKey("Sandbox only", "sandbox");
    expect(await balance(client("sandbox", keys))).toBe("10000.00");
    const refused = await client("production", keys)
      .send(new GetAccountBalanceCommand({}))
      .catch((e: Error & { $metadata?: { httpStatusCode?: number } }) => e);
    expect(refused).toMatchObject({ name: "AccessDeniedException", $metadata: { httpStatusCode: 400 } });
    expect((refused as Error).message).toBe(
      `User: ${keys.accessKeyId} is not authorized to perform: mechanicalturk:GetAccountBalance because this key works only at the sandbox endpoint, not at production`,
    );

    // Lifting the restriction applies to the very next request.
    await restrictApiKey(owner, key.id, null);
    expect(await balance(client("production", keys))).toBe("0.00");
    await restrictApiKey(owner, key.id, "production");
    expect(await errorName(balance(client("sandbox", keys)))).toBe("AccessDeniedException");
  });

  it("refuses a revoked key at once, as AWS refuses a deleted one", async () => {
    const { key, keys } = await newKey("Leaked");
    const sandbox = client("sandbox", keys);
    expect(await balance(sandbox)).toBe("10000.00");
    await revokeApiKey(owner, key.id);
    expect(await errorName(balance(sandbox))).toBe("UnrecognizedClientException");
    expect(await errorName(balance(client("production", keys)))).toBe("UnrecognizedClientException");
    await expect(rotateApiKey(owner, key.id, { keepOldSecret: false })).rejects.toMatchObject({ reason: "revoked" });
  });
});

describe("rotation", () => {
  it("issues a new pair; the old one works through the grace period only when asked, and never after it", async () => {
    const { key, keys: first } = await newKey("Rotated", null);
    expect(await balance(client("sandbox", first))).toBe("10000.00");

    const graced = await rotateApiKey(owner, key.id, { keepOldSecret: true });
    const second = { accessKeyId: graced.key.accessKeyId, secretAccessKey: graced.secretAccessKey };
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(graced.key).toMatchObject({ name: key.name, environment: null });
    expect(graced.key.previous.map((p) => p.accessKeyId)).toEqual([first.accessKeyId]);
    expect(Math.abs(graced.key.previous[0]!.expiresAt.getTime() - (Date.now() + ROTATION_GRACE_MS))).toBeLessThan(60_000);
    expect(await balance(client("production", second))).toBe("0.00");
    expect(await balance(client("production", first))).toBe("0.00");

    // Past its end the old secret is refused (the end is moved into the past here, and this
    // process's few seconds of caching skipped).
    await db.mkApiKeySecret.update({ where: { accessKeyId: first.accessKeyId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    forgetAccessKeys([first.accessKeyId]);
    expect(await errorName(balance(client("sandbox", first)))).toBe("UnrecognizedClientException");

    // Without a grace period every older secret stops at once.
    const now = await rotateApiKey(owner, key.id, { keepOldSecret: false });
    const third = { accessKeyId: now.key.accessKeyId, secretAccessKey: now.secretAccessKey };
    expect(now.key.previous).toEqual([]);
    expect(await errorName(balance(client("sandbox", second)))).toBe("UnrecognizedClientException");
    expect(await balance(client("sandbox", third))).toBe("10000.00");
  });
});

describe("last use", () => {
  it("records time and environment, writing at most once a minute per key", async () => {
    const { key, keys } = await newKey("Tracked");
    expect((await listApiKeys(owner)).find((k) => k.id === key.id)).toMatchObject({ lastUsedAt: null, lastUsedEnvironment: null });
    const before = Date.now();
    await balance(client("production", keys));
    const used = (await listApiKeys(owner)).find((k) => k.id === key.id)!;
    expect(used.lastUsedEnvironment).toBe("production");
    expect(used.lastUsedAccessKeyId).toBe(keys.accessKeyId);
    expect(used.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);

    // Within the minute, further requests write nothing.
    await balance(client("sandbox", keys));
    expect((await db.mkApiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toEqual(used.lastUsedAt);

    // A minute later (here: the record made older, the cache skipped), the next one is recorded.
    await db.mkApiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date(Date.now() - 61_000) } });
    forgetAccessKeys([keys.accessKeyId]);
    await balance(client("sandbox", keys));
    const later = await db.mkApiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(later.lastUsedEnvironment).toBe("sandbox");
    expect(later.lastUsedAt!.getTime()).toBeGreaterThanOrEqual(before);
  });

  it("keeps the dashboard's own connection keys out of the key manager", async () => {
    const listed = await listApiKeys(owner);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((k) => k.purpose === "user")).toBe(true);
    const dashboard = await provisionRequester(owner, "sandbox", "Keys lab");
    expect(listed.some((k) => k.accessKeyId === dashboard.accessKeyId)).toBe(false);
    expect(await balance(client("sandbox", dashboard))).toBe("10000.00");
  });
});
