import { GetAccountBalanceCommand, GetHITCommand, MTurkClient } from "@aws-sdk/client-mturk";
import { describe, expect, it } from "vitest";
import { expectRequestError, startHarness, useHarness } from "./harness";
import { signedPost } from "./signed-post";

const { h } = useHarness();

/** A raw signed call, to see exactly what goes over the wire. */
async function raw(options: { target?: string; body?: string; secret?: string; accessKeyId?: string; region?: string; skewMs?: number; path?: string }) {
  const url = new URL(h.endpoint);
  const res = await signedPost({
    url: `${url.origin}${options.path ?? url.pathname}`,
    target: options.target ?? "MTurkRequesterServiceV20170117.GetAccountBalance",
    body: options.body ?? "{}",
    accessKeyId: options.accessKeyId ?? h.accessKeyId,
    secretAccessKey: options.secret ?? h.secretAccessKey,
    region: options.region,
    signingDate: new Date(Date.now() + (options.skewMs ?? 0)),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as Record<string, string> };
}

describe("AWS JSON 1.1 protocol", () => {
  it("answers with application/x-amz-json-1.1 and an x-amzn-RequestId, on success and on error", async () => {
    const ok = await raw({});
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/x-amz-json-1.1");
    expect(ok.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.json).toEqual({ AvailableBalance: "10000.00", OnHoldBalance: "0.00" });
    const err = await raw({ target: "MTurkRequesterServiceV20170117.GetHIT", body: JSON.stringify({ HITId: "NOSUCHHIT000000000000000000000" }) });
    expect(err.status).toBe(400);
    expect(err.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(err.json).toEqual({ __type: "RequestError", TurkErrorCode: "AWS.MechanicalTurk.HITDoesNotExist", Message: expect.stringMatching(/^Hit NOSUCHHIT0+ does not exist\. \(\d{13}\)$/) });
  });

  it("accepts the endpoint with a trailing slash", async () => {
    expect((await raw({ path: new URL(h.endpoint).pathname + "/" })).status).toBe(200);
  });

  it("refuses unknown operations and malformed bodies", async () => {
    expect(await raw({ target: "MTurkRequesterServiceV20170117.MakeCoffee" })).toMatchObject({ status: 400, json: { __type: "UnknownOperationException" } });
    expect(await raw({ body: "{not json" })).toMatchObject({ status: 400, json: { __type: "SerializationException" } });
  });

  it("answers CORS preflight for browser SDKs", async () => {
    const res = await fetch(h.endpoint, { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toContain("x-amz-target");
    expect(res.headers.get("access-control-expose-headers")).toBe("x-amzn-RequestId");
  });

  it("names the member that fails the model's validation", async () => {
    const res = await raw({
      target: "MTurkRequesterServiceV20170117.CreateHIT",
      body: JSON.stringify({ Title: "t", Description: "d", Reward: "1.234", LifetimeInSeconds: 60, AssignmentDurationInSeconds: 60 }),
    });
    expect(res.status).toBe(400);
    expect(res.json.__type).toBe("com.amazon.coral.validate#ValidationException");
    expect(res.json.message).toContain("Value '1.234' at 'reward' failed to satisfy constraint");
  });
});

describe("Signature V4", () => {
  it("refuses an unknown key, a wrong secret and a stale signature with AWS's error names", async () => {
    expect(await raw({ accessKeyId: "HDAKUNKNOWNKEY000000" })).toMatchObject({ status: 400, json: { __type: "UnrecognizedClientException" } });
    expect(await raw({ secret: "wrong-secret" })).toMatchObject({ status: 400, json: { __type: "InvalidSignatureException" } });
    const stale = await raw({ skewMs: -10 * 60 * 1000 });
    expect(stale).toMatchObject({ status: 400, json: { __type: "InvalidSignatureException" } });
    expect(stale.json.Message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than/);
  });

  it("accepts the sandbox pseudo-region scope the SDKs use with region: 'sandbox'", async () => {
    expect((await raw({ region: "sandbox" })).status).toBe(200);
  });

  it("refuses a key limited to the sandbox at the production endpoint", async () => {
    const prod = new MTurkClient({ endpoint: h.endpoint.replace("/sandbox", "/production"), region: "us-east-1", credentials: { accessKeyId: h.accessKeyId, secretAccessKey: h.secretAccessKey } });
    await expect(prod.send(new GetAccountBalanceCommand({}))).rejects.toMatchObject({ name: "AccessDeniedException" });
    prod.destroy();
  });

  it("refuses a request without a signature", async () => {
    const res = await fetch(h.endpoint, { method: "POST", headers: { "x-amz-target": "MTurkRequesterServiceV20170117.GetAccountBalance" }, body: "{}" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe("MissingAuthenticationTokenException");
  });
});

describe("isolation between requesters", () => {
  it("never shows one requester another's HIT", async () => {
    const hit = await h.createHit();
    await expectRequestError((await h.otherRequesterClient()).send(new GetHITCommand({ HITId: hit.HITId })), "AWS.MechanicalTurk.HITDoesNotExist");
  });
});

describe("fault injection", () => {
  it("throttles past the rate limit; the SDK's retries get through", async () => {
    const limited = await startHarness({ faults: { rateLimitPerSecond: 5, burst: 1 } });
    const keys = { accessKeyId: limited.accessKeyId, secretAccessKey: limited.secretAccessKey };
    const impatient = new MTurkClient({ endpoint: limited.endpoint, region: "us-east-1", credentials: keys, maxAttempts: 1 });
    const client = new MTurkClient({ endpoint: limited.endpoint, region: "us-east-1", credentials: keys, maxAttempts: 10 });
    const burst = await Promise.allSettled(Array.from({ length: 6 }, () => impatient.send(new GetAccountBalanceCommand({}))));
    const failures = burst.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) expect((f.reason as Error).name).toBe("ThrottlingException");
    impatient.destroy();
    const patient = await Promise.all(Array.from({ length: 6 }, () => client.send(new GetAccountBalanceCommand({}))));
    expect(patient.every((r) => r.AvailableBalance === "10000.00")).toBe(true);
    client.destroy();
    await limited.close();
  });

  it("injects ServiceFaults, which the SDK retries and finally reports", async () => {
    const faulty = await startHarness({ faults: { serviceFaultRate: 1 } });
    await expect(faulty.client.send(new GetAccountBalanceCommand({}))).rejects.toMatchObject({ name: "ServiceFault", $metadata: { attempts: 3 } });
    await faulty.close();
  });
});
