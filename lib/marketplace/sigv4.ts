import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { AwsProtocolError } from "@/lib/marketplace/errors";
import type { MarketplaceEnvironment } from "@/lib/marketplace/requesters";

/**
 * AWS Signature Version 4, verified the way AWS's front end does for `mturk-requester`.
 * Scope region us-east-1, or `sandbox` (what both SDKs sign with when told region "sandbox").
 */
const SERVICE = "mturk-requester";
const REGIONS = new Set(["us-east-1", "sandbox"]);
const MAX_SKEW_MS = 5 * 60 * 1000;

export interface VerifiedRequester {
  id: string;
  environment: MarketplaceEnvironment;
}

const sha256Hex = (data: string) => createHash("sha256").update(data, "utf8").digest("hex");
const hmac = (key: Buffer | string, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** RFC 3986 encoding, as SigV4 canonicalisation requires. */
function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalQuery(url: URL): string {
  return [...url.searchParams.entries()]
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

// Services other than S3 encode each path segment once more (so "%2F" is signed as "%252F").
const canonicalPath = (pathname: string) => pathname.split("/").map(rfc3986).join("/") || "/";

function parseAuthorization(header: string | null) {
  if (!header) throw new AwsProtocolError("MissingAuthenticationTokenException", "Missing Authentication Token", 400);
  const match = /^AWS4-HMAC-SHA256\s+(.*)$/.exec(header.trim());
  if (!match) throw new AwsProtocolError("IncompleteSignatureException", "Authorization header requires the AWS4-HMAC-SHA256 algorithm.", 400);
  const parts = Object.fromEntries(
    match[1]!.split(",").map((p) => {
      const i = p.indexOf("=");
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()];
    }),
  );
  const credential = (parts.Credential ?? "").split("/");
  if (credential.length !== 5 || !parts.SignedHeaders || !parts.Signature) {
    throw new AwsProtocolError("IncompleteSignatureException", `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${header}`, 400);
  }
  const [accessKeyId, date, region, service, terminator] = credential as [string, string, string, string, string];
  return { accessKeyId, date, region, service, terminator, signedHeaders: parts.SignedHeaders.split(";"), signature: parts.Signature };
}

function parseAmzDate(value: string | null): Date {
  const m = value && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new AwsProtocolError("IncompleteSignatureException", "Authorization requires a valid X-Amz-Date header (yyyyMMddTHHmmssZ).", 400);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

const secrets = new Map<string, { requester: VerifiedRequester; secret: string; until: number }>();
const SECRET_CACHE_MS = 60_000;

async function secretFor(accessKeyId: string, environment: MarketplaceEnvironment) {
  const key = `${environment}:${accessKeyId}`;
  const cached = secrets.get(key);
  if (cached && cached.until > Date.now()) return cached;
  const row = await db.mkRequester.findUnique({ where: { accessKeyId }, select: { id: true, environment: true, secretCiphertext: true } });
  // A key of the other environment is as unknown here as a made-up one.
  if (!row || row.environment !== environment) return undefined;
  const entry = { requester: { id: row.id, environment: row.environment }, secret: decryptSecret(row.secretCiphertext), until: Date.now() + SECRET_CACHE_MS };
  secrets.set(key, entry);
  return entry;
}

/** Checks the request's signature; returns whose it is. `body` is the raw request body. */
export async function verifySigV4(request: Request, body: string, environment: MarketplaceEnvironment): Promise<VerifiedRequester> {
  const auth = parseAuthorization(request.headers.get("authorization"));
  if (auth.service !== SERVICE || auth.terminator !== "aws4_request" || !REGIONS.has(auth.region)) {
    throw new AwsProtocolError("InvalidSignatureException", `Credential should be scoped to a valid region and the service '${SERVICE}'.`, 400);
  }
  const amzDate = request.headers.get("x-amz-date");
  const signedAt = parseAmzDate(amzDate);
  const now = Date.now();
  if (Math.abs(now - signedAt.getTime()) > MAX_SKEW_MS) {
    const fmt = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    const bound = signedAt.getTime() < now ? `${fmt(new Date(now))} - 5 min.` : `${fmt(new Date(now))} + 5 min.`;
    throw new AwsProtocolError("InvalidSignatureException", `Signature expired: ${amzDate} is now ${signedAt.getTime() < now ? "earlier" : "later"} than ${bound}`, 400);
  }
  if (auth.date !== amzDate!.slice(0, 8)) throw new AwsProtocolError("InvalidSignatureException", "Credential date does not match X-Amz-Date.", 400);
  if (!auth.signedHeaders.includes("host")) throw new AwsProtocolError("InvalidSignatureException", "'Host' must be a signed header.", 400);

  const known = await secretFor(auth.accessKeyId, environment);
  if (!known) throw new AwsProtocolError("UnrecognizedClientException", "The security token included in the request is invalid.", 400);

  const url = new URL(request.url);
  const headerValue = (name: string) => (request.headers.get(name) ?? "").trim().replace(/\s+/g, " ");
  const canonicalRequest = [
    request.method,
    canonicalPath(url.pathname),
    canonicalQuery(url),
    auth.signedHeaders.map((h) => `${h}:${headerValue(h)}\n`).join(""),
    auth.signedHeaders.join(";"),
    request.headers.get("x-amz-content-sha256") ?? sha256Hex(body),
  ].join("\n");
  const scope = `${auth.date}/${auth.region}/${SERVICE}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${known.secret}`, auth.date), auth.region), SERVICE), "aws4_request");
  const expected = createHmac("sha256", signingKey).update(stringToSign, "utf8").digest();
  const given = Buffer.from(auth.signature, "hex");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AwsProtocolError(
      "InvalidSignatureException",
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
      400,
    );
  }
  // A payload hash the client declared must match what arrived.
  const declared = request.headers.get("x-amz-content-sha256");
  if (declared && declared !== "UNSIGNED-PAYLOAD" && declared !== sha256Hex(body)) {
    throw new AwsProtocolError("InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
  }
  return known.requester;
}
