import "server-only";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";
import { advanceClock, requesterNow } from "@/lib/marketplace/clock";
import { AwsProtocolError, MarketplaceError, MturkServiceFault } from "@/lib/marketplace/errors";
import { injectFaults } from "@/lib/marketplace/faults";
import { TARGET_PREFIX, validateInput } from "@/lib/marketplace/model";
import { operations } from "@/lib/marketplace/operations";
import type { MarketplaceEnvironment } from "@/lib/marketplace/requesters";
import { epochSeconds } from "@/lib/marketplace/serialize";
import { verifySigV4 } from "@/lib/marketplace/sigv4";
import { sweepRequester, sweepRequesterIfDue } from "@/lib/marketplace/sweep";

/**
 * The built-in marketplace's front door: AWS JSON 1.1 over POST, SigV4, `X-Amz-Target:
 * MTurkRequesterServiceV20170117.<Operation>`. Framework-agnostic (Fetch Request/Response).
 */
const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "POST, OPTIONS",
  "access-control-allow-headers":
    "authorization, content-type, x-amz-date, x-amz-target, x-amz-content-sha256, x-amz-user-agent, x-amz-security-token, amz-sdk-invocation-id, amz-sdk-request",
  "access-control-expose-headers": "x-amzn-RequestId",
  "access-control-max-age": "86400",
};

/** Test-only: advances the caller's clock (HITDESK_TEST_MODE). Not part of MTurk's API. */
const ADVANCE_CLOCK_TARGET = "HITDesk.AdvanceClock";

function reply(status: number, body: unknown, requestId: string): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId, ...CORS_HEADERS },
  });
}

/** Members that are absent are omitted, never sent as null. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
}

export async function handleMturkRequest(request: Request, environment: MarketplaceEnvironment): Promise<Response> {
  const requestId = randomUUID();
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: { "x-amzn-requestid": requestId, ...CORS_HEADERS } });
  try {
    if (request.method !== "POST") throw new AwsProtocolError("UnknownOperationException", "The MTurk API accepts POST requests only.", 405);
    const body = await request.text();
    const requester = await verifySigV4(request, body, environment);
    const target = request.headers.get("x-amz-target") ?? "";
    const operation = target.startsWith(`${TARGET_PREFIX}.`) ? target.slice(TARGET_PREFIX.length + 1) : undefined;
    const handler = operation ? operations[operation] : undefined;
    const testClock = target === ADVANCE_CLOCK_TARGET && env.HITDESK_TEST_MODE;
    if (!handler && !testClock) throw new AwsProtocolError("UnknownOperationException", `Unknown operation ${target || "(no X-Amz-Target)"}.`, 400);
    let input: unknown;
    try {
      input = body ? JSON.parse(body) : {};
    } catch {
      throw new AwsProtocolError("SerializationException", "The request body is not valid JSON.", 400);
    }
    await injectFaults(requester.id, environment);
    if (testClock) {
      const seconds = Number((input as { Seconds?: unknown }).Seconds);
      if (!Number.isFinite(seconds) || seconds < 0) throw new AwsProtocolError("ValidationException", "Seconds must be a non-negative number.", 400);
      const now = await advanceClock(requester.id, seconds);
      await sweepRequester(requester.id);
      return reply(200, { Now: epochSeconds(now) }, requestId);
    }
    validateInput(operation!, input);
    await sweepRequesterIfDue(requester.id);
    const output = await handler!(input, { requester, now: await requesterNow(requester.id), requestId });
    return reply(200, withoutNulls(output), requestId);
  } catch (e) {
    if (e instanceof MarketplaceError) return reply(e.status, e.body(), requestId);
    console.error(`[marketplace] ${requestId}`, e);
    const fault = new MturkServiceFault();
    return reply(fault.status, fault.body(), requestId);
  }
}
