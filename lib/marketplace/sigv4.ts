import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { AwsProtocolError } from "@/lib/marketplace/errors";
import { TARGET_PREFIX } from "@/lib/marketplace/model";
import type { MarketplaceEnvironment } from "@/lib/marketplace/requesters";
import { noteKeyUse, requesterForKey, resolveAccessKey } from "@/lib/marketplace/resolve-access-key";

/**
 * AWS Signature Version 4, verified the way AWS's front end does for `mturk-requester`.
 * Scope region us-east-1, or `sandbox` (what both SDKs sign with when told region "sandbox").
 */
const SERVICE = "mturk-requester";
const REGIONS = new Set(["us-east-1", "sandbox"]);
const MAX_SKEW_MS = 5 * 60 * 1000;

/** What verification reads of a request, whether it came as a Fetch Request or a Node one. */
export interface SignedRequest {
  method: string;
  /** Absolute URL, as the client addressed it. */
  url: string;
  /** A header's value (repeated headers joined by ", "), by lower-case name. */
  header(name: string): string | undefined;
}

export interface VerifiedRequester {
  id: string;
  environment: MarketplaceEnvironment;
}

const sha256Hex = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");
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

function parseAuthorization(header: string | undefined) {
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

function parseAmzDate(value: string | undefined): Date {
  const m = value && /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new AwsProtocolError("IncompleteSignatureException", "Authorization requires a valid X-Amz-Date header (yyyyMMddTHHmmssZ).", 400);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

/** As AWS words an IAM refusal (`mechanicalturk:<Operation>` is MTurk's IAM action). */
function accessDenied(request: SignedRequest, accessKeyId: string, why: string): AwsProtocolError {
  const target = request.header("x-amz-target") ?? "";
  const action = target.startsWith(`${TARGET_PREFIX}.`) ? target.slice(TARGET_PREFIX.length + 1) : "*";
  return new AwsProtocolError("AccessDeniedException", `User: ${accessKeyId} is not authorized to perform: mechanicalturk:${action} because ${why}`, 400);
}

/**
 * Checks the request's signature; returns whose it is: the key owner's requester in the
 * endpoint's environment (one key serves both unless restricted). `body` is the raw body, as bytes: what the client hashed.
 */
export async function verifySigV4(request: SignedRequest, body: Uint8Array, environment: MarketplaceEnvironment): Promise<VerifiedRequester> {
  const auth = parseAuthorization(request.header("authorization"));
  if (auth.service !== SERVICE || auth.terminator !== "aws4_request" || !REGIONS.has(auth.region)) {
    throw new AwsProtocolError("InvalidSignatureException", `Credential should be scoped to a valid region and the service '${SERVICE}'.`, 400);
  }
  const amzDate = request.header("x-amz-date");
  const signedAt = parseAmzDate(amzDate);
  const now = Date.now();
  if (Math.abs(now - signedAt.getTime()) > MAX_SKEW_MS) {
    const fmt = (d: Date) =>
      d
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d{3}/, "");
    const bound = signedAt.getTime() < now ? `${fmt(new Date(now))} - 5 min.` : `${fmt(new Date(now))} + 5 min.`;
    throw new AwsProtocolError("InvalidSignatureException", `Signature expired: ${amzDate} is now ${signedAt.getTime() < now ? "earlier" : "later"} than ${bound}`, 400);
  }
  if (auth.date !== amzDate!.slice(0, 8)) throw new AwsProtocolError("InvalidSignatureException", "Credential date does not match X-Amz-Date.", 400);
  if (!auth.signedHeaders.includes("host")) throw new AwsProtocolError("InvalidSignatureException", "'Host' must be a signed header.", 400);

  // S3 lets a client leave the body out of the signature; the MTurk API does not, or anyone who
  // saw one signed request could replay its headers with a body of their own.
  const declared = request.header("x-amz-content-sha256");
  if (declared === "UNSIGNED-PAYLOAD") {
    throw new AwsProtocolError("InvalidSignatureException", "UNSIGNED-PAYLOAD is not accepted: sign the request body (x-amz-content-sha256 must be its SHA-256).", 400);
  }
  const bodyHash = sha256Hex(body);

  const known = await resolveAccessKey(auth.accessKeyId);
  // Revoked, expired and made-up keys alike, as AWS answers for a deleted or inactive key.
  if (!known) throw new AwsProtocolError("UnrecognizedClientException", "The security token included in the request is invalid.", 400);

  const url = new URL(request.url);
  const headerValue = (name: string) => (request.header(name) ?? "").trim().replace(/\s+/g, " ");
  const canonicalRequest = [
    request.method,
    canonicalPath(url.pathname),
    canonicalQuery(url),
    auth.signedHeaders.map((h) => `${h}:${headerValue(h)}\n`).join(""),
    auth.signedHeaders.join(";"),
    bodyHash,
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
  // The signature covers the body's own hash; a declared hash must match it too.
  if (declared && declared !== bodyHash) {
    throw new AwsProtocolError("InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
  }
  // Only a caller holding the secret learns that the key exists but may not come here.
  if (known.restriction && known.restriction !== environment) {
    throw accessDenied(request, auth.accessKeyId, `this key works only at the ${known.restriction} endpoint, not at ${environment}`);
  }
  const requesterId = await requesterForKey(known, environment);
  if (!requesterId) throw accessDenied(request, auth.accessKeyId, `its owner has no ${environment} account`);
  await noteKeyUse(known, environment);
  return { id: requesterId, environment };
}
