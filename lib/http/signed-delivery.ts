import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { DeliveryUrl } from "@/lib/http/delivery-url";
import { env } from "@/lib/env";
import { addressRefusal } from "@/lib/http/address-policy";
import { mapLimited } from "@/lib/map-limited";

/**
 * Signed HTTP event deliveries, shared by the dashboard's team webhooks (lib/webhooks) and the
 * built-in marketplace's HTTP notification destinations (lib/marketplace): signing, the retry
 * schedule and one POST. Each keeps its own queue in its own tables.
 *
 * The signature is HMAC-SHA256 over `<unix seconds>.<body>` with the endpoint's secret, sent as
 * `HITdesk-Signature: t=<unix seconds>,v1=<hex>`; the timestamp in the signed text lets a
 * receiver refuse replays of old deliveries.
 */
export const SIGNATURE_HEADER = "HITdesk-Signature";
export const EVENT_ID_HEADER = "HITdesk-Event-Id";
export const EVENT_TYPE_HEADER = "HITdesk-Event-Type";
export const ATTEMPT_HEADER = "HITdesk-Delivery-Attempt";

/** How long one POST may take, connection to answer. */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** Seconds to wait after failed attempt n (1-based) before attempt n+1; the last failure is final. */
export const RETRY_DELAYS_SECONDS = [5, 30, 120, 600, 1800, 3600, 10_800] as const;
export const MAX_DELIVERY_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/** When attempt `attempt + 1` may run after attempt `attempt` failed; null when that was the last one. */
export function nextAttemptAt(attempt: number, failedAt: Date): Date | null {
  const delay = RETRY_DELAYS_SECONDS[attempt - 1];
  return delay === undefined ? null : new Date(failedAt.getTime() + delay * 1000);
}

/** A fresh signing secret: `whsec_` and 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The signature header's value for `body` sent at `at`. */
export function signatureHeader(secret: string, body: string, at: Date = new Date()): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

/**
 * Whether `header` signs `body` with `secret`, made within `toleranceSeconds` of `now`.
 * What a receiver runs (README shows the same in a few lines).
 */
export function verifySignature(secret: string, header: string | null | undefined, body: string, options: { now?: Date; toleranceSeconds?: number } = {}): boolean {
  if (!header) return false;
  const parts = new Map(header.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const timestamp = Number(parts.get("t"));
  const given = parts.get("v1");
  if (!Number.isInteger(timestamp) || !given || !/^[0-9a-f]{64}$/.test(given)) return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  return timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(hmacHex(secret, timestamp, body), "hex"));
}

/** Why deliveries may not go to `url`'s host when it is a literal address (null: they may, or it is a host name, checked when resolved). */
export function literalAddressRefusal(url: string): string | null {
  const host = URL.parse(url)?.hostname.replace(/^\[(.*)\]$/, "$1");
  return host && isIP(host) ? addressRefusal(host, { allowPrivate: env.HITDESK_WEBHOOK_ALLOW_PRIVATE }) : null;
}

/** The field error for a URL whose literal address is refused. */
export const refusedAddressMessage = (refusal: string) => `URL: ${refusal}; deliveries may not reach internal networks (HITDESK_WEBHOOK_ALLOW_PRIVATE=1 allows it)`;

/** DeliveryUrl, on the server: also refuses a literal private, link-local or metadata address. */
export const ReachableDeliveryUrl = DeliveryUrl.superRefine((value, ctx) => {
  const refusal = literalAddressRefusal(value);
  if (refusal) ctx.addIssue({ code: "custom", message: refusedAddressMessage(refusal) });
});

export interface DeliveryOutcome {
  ok: boolean;
  statusCode: number | null;
  /** Why it failed, for the delivery log: a non-2xx answer, a timeout, a refused connection. */
  error: string | null;
  durationMs: number;
  /** No later attempt can succeed (the address is refused): fail now instead of retrying. */
  final?: boolean;
}

/** Thrown by the guarded lookup: the host resolved to an address deliveries may not reach. */
class AddressRefused extends Error {
  override name = "AddressRefused";
}

/**
 * Resolves like dns.lookup but refuses the host when any of its addresses is refused, and the
 * connection then goes to the addresses checked here: a host that answers a public address to
 * a check and a private one to the connection (DNS rebinding) gets nowhere.
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 4);
    const refusal = addresses.map((a) => addressRefusal(a.address, { allowPrivate: env.HITDESK_WEBHOOK_ALLOW_PRIVATE })).find(Boolean);
    if (refusal) return callback(new AddressRefused(`${hostname}: ${refusal}`), "", 4);
    if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

interface Answer {
  status: number;
}

/** One POST without following redirects, resolving host names through guardedLookup. */
function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<Answer> {
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, lookup: guardedLookup, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      // The answer's body is not used; drain it so the connection is freed.
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * One attempt: POSTs `body` (JSON) signed with `secret`. A 2xx answer is a success; anything
 * else (another status, a redirect, which is not followed, a timeout) is a failure to retry.
 */
export async function postSigned(input: { url: string; secret: string; body: string; eventId: string; eventType: string; attempt: number; timeoutMs?: number }): Promise<DeliveryOutcome> {
  const started = Date.now();
  const timeoutMs = input.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const url = new URL(input.url);
  // A literal address skips the lookup: check it here (a URL saved before the check, or an opt-in since withdrawn).
  const literalRefusal = literalAddressRefusal(input.url);
  if (literalRefusal) return { ok: false, final: true, statusCode: null, error: `Refused: ${literalRefusal}`, durationMs: 0 };
  try {
    const res = await post(
      url,
      {
        "content-type": "application/json",
        "user-agent": "HITdesk-Webhooks/1",
        [SIGNATURE_HEADER]: signatureHeader(input.secret, input.body),
        [EVENT_ID_HEADER]: input.eventId,
        [EVENT_TYPE_HEADER]: input.eventType,
        [ATTEMPT_HEADER]: String(input.attempt),
      },
      input.body,
      timeoutMs,
    );
    const ok = res.status >= 200 && res.status < 300;
    return { ok, statusCode: res.status, error: ok ? null : `Answered HTTP ${res.status}`, durationMs: Date.now() - started };
  } catch (e) {
    if (e instanceof AddressRefused) return { ok: false, final: true, statusCode: null, error: `Refused: ${e.message}`, durationMs: Date.now() - started };
    const timedOut = e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
    const cause = e instanceof Error ? e.message : String(e);
    return { ok: false, statusCode: null, error: timedOut ? `No answer within ${timeoutMs / 1000} s` : `Could not connect: ${cause}`, durationMs: Date.now() - started };
  }
}

/**
 * One round of delivery: claims due deliveries and delivers them, `concurrency` at a time, until
 * none is due or the signal aborts; returns the attempts made. The claim counts each attempt,
 * so a crash mid-POST still uses one of the bounded attempts.
 */
export async function deliverUntilNoneDue<T>(claim: () => Promise<T[]>, deliver: (item: T) => Promise<void>, options: { concurrency: number; signal?: AbortSignal }): Promise<number> {
  let attempted = 0;
  while (!options.signal?.aborted) {
    const claimed = await claim();
    if (claimed.length === 0) break;
    await mapLimited(claimed, options.concurrency, deliver);
    attempted += claimed.length;
  }
  return attempted;
}

/** Finished deliveries (succeeded or failed) are kept this long for their logs, then pruned. */
export const DELIVERY_RETENTION_DAYS = 30;
/** Rows one pruning statement deletes: short statements, so deliveries in flight never wait long. */
export const PRUNE_BATCH = 500;

/** Deletes with `deleteBatch(limit)` until a batch comes back short; returns how many rows went. */
export async function pruneInBatches(deleteBatch: (limit: number) => Promise<number>, options: { batch?: number; signal?: AbortSignal } = {}): Promise<number> {
  const batch = options.batch ?? PRUNE_BATCH;
  let deleted = 0;
  while (!options.signal?.aborted) {
    const n = await deleteBatch(batch);
    deleted += n;
    if (n < batch) break;
  }
  return deleted;
}

/** The moment before which finished deliveries are pruned. */
export const retentionCutoff = (now: Date = new Date()) => new Date(now.getTime() - DELIVERY_RETENTION_DAYS * 24 * 60 * 60 * 1000);
