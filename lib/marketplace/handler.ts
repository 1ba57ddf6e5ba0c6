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
import { verifySigV4, type SignedRequest } from "@/lib/marketplace/sigv4";
import { sweepRequester } from "@/lib/marketplace/sweep";

/**
 * The built-in marketplace's front door: AWS JSON 1.1 over POST, SigV4, `X-Amz-Target:
 * MTurkRequesterServiceV20170117.<Operation>`. Framework-agnostic: answerMturkRequest is the core,
 * served as a Fetch handler here and on raw Node requests by lib/marketplace/node-server.ts.
 */
const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "POST, OPTIONS",
  "access-control-allow-headers": "authorization, content-type, x-amz-date, x-amz-target, x-amz-content-sha256, x-amz-user-agent, x-amz-security-token, amz-sdk-invocation-id, amz-sdk-request",
  "access-control-expose-headers": "x-amzn-RequestId",
  "access-control-max-age": "86400",
};

/** Test-only: advances the caller's clock (HITDESK_TEST_MODE). Not part of MTurk's API. */
const ADVANCE_CLOCK_TARGET = "HITDesk.AdvanceClock";

/** An answer before it is put on the wire, as a Fetch Response or on a Node response. */
export interface MturkAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

function reply(status: number, body: unknown, requestId: string): MturkAnswer {
  return { status, headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId, ...CORS_HEADERS }, body: JSON.stringify(body) };
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

/**
 * The one answering core behind both doors: `request` is what the client sent, `body` its raw
 * bytes (empty unless POST).
 */
export async function answerMturkRequest(request: SignedRequest, body: Uint8Array, environment: MarketplaceEnvironment): Promise<MturkAnswer> {
  const requestId = randomUUID();
  if (request.method === "OPTIONS") return { status: 204, headers: { "x-amzn-requestid": requestId, ...CORS_HEADERS }, body: null };
  try {
    if (request.method !== "POST") throw new AwsProtocolError("UnknownOperationException", "The MTurk API accepts POST requests only.", 405);
    const requester = await verifySigV4(request, body, environment);
    const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
    const target = request.header("x-amz-target") ?? "";
    const operation = target.startsWith(`${TARGET_PREFIX}.`) ? target.slice(TARGET_PREFIX.length + 1) : undefined;
    const handler = operation ? operations[operation] : undefined;
    const testClock = target === ADVANCE_CLOCK_TARGET && env.HITDESK_TEST_MODE;
    if (!handler && !testClock) throw new AwsProtocolError("UnknownOperationException", `Unknown operation ${target || "(no X-Amz-Target)"}.`, 400);
    let input: unknown;
    try {
      input = text ? JSON.parse(text) : {};
    } catch {
      throw new AwsProtocolError("SerializationException", "The request body is not valid JSON.", 400);
    }
    if (typeof input !== "object" || input === null || Array.isArray(input)) throw new AwsProtocolError("SerializationException", "The request body must be a JSON object.", 400);
    await injectFaults(requester.id, environment);
    if (testClock) {
      const seconds = Number((input as { Seconds?: unknown }).Seconds);
      if (!Number.isFinite(seconds) || seconds < 0) throw new AwsProtocolError("ValidationException", "Seconds must be a non-negative number.", 400);
      const now = await advanceClock(requester.id, seconds);
      await sweepRequester(requester.id);
      return reply(200, { Now: epochSeconds(now) }, requestId);
    }
    // Time-driven changes (expiry, abandonment, auto-approval) are the background loop's
    // (lib/marketplace/background.ts), not every request's: a call waits on no one's sweep.
    const checked = validateInput(operation!, input);
    const output = await handler!(checked, { requester, now: await requesterNow(requester.id), requestId });
    return reply(200, withoutNulls(output), requestId);
  } catch (e) {
    if (e instanceof MarketplaceError) return reply(e.status, e.body(), requestId);
    console.error(`[marketplace] ${requestId}`, e);
    const fault = new MturkServiceFault();
    return reply(fault.status, fault.body(), requestId);
  }
}

/** The front door as a Fetch handler: Next's route and the in-process transport. */
export async function handleMturkRequest(request: Request, environment: MarketplaceEnvironment): Promise<Response> {
  const body = request.method === "POST" ? new Uint8Array(await request.arrayBuffer()) : new Uint8Array();
  const signed: SignedRequest = { method: request.method, url: request.url, header: (name) => request.headers.get(name) ?? undefined };
  const answer = await answerMturkRequest(signed, body, environment);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
