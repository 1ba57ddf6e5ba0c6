import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { deriveKey } from "@/lib/crypto";

/**
 * Tamper-proof tokens for the worker site (session cookies, task links): a JSON payload and an
 * HMAC bound to a purpose, so a token minted for one use is worthless for another.
 */
export function signToken(purpose: string, payload: object): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${mac(purpose, body)}`;
}

export function verifyToken<T>(purpose: string, token: string | undefined): T | null {
  if (!token) return null;
  const [body, sig] = token.split(".");
  if (!body || !sig) return null;
  const expected = Buffer.from(mac(purpose, body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as T;
  } catch {
    return null;
  }
}

function mac(purpose: string, body: string): string {
  return createHmac("sha256", deriveKey(`worker-site:${purpose}`))
    .update(body)
    .digest("base64url");
}
