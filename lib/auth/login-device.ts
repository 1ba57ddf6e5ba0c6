import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { deriveKey } from "@/lib/crypto";
import { appUrl } from "@/lib/env";

/**
 * A "device cookie" (OWASP): after a successful sign-in the browser keeps a signed token naming
 * the account. Sign-ins from that browser for that account are throttled on their own, so a
 * stranger's failed guesses, which lock the account out for unknown browsers, never lock out
 * a browser its owner has signed in with before.
 */
export type LoginScope = "team" | "worker";

const COOKIE: Record<LoginScope, string> = { team: "hitdesk_login_device", worker: "hitdesk_worker_device" };
const MAX_AGE_SEC = 365 * 24 * 3600;

function mac(scope: LoginScope, email: string, id: string): Buffer {
  return createHmac("sha256", deriveKey("login-device")).update(`${scope}\n${email}\n${id}`).digest();
}

/** The device's id when `value` is this scope's cookie for `email`; null otherwise. */
export function trustedDeviceId(scope: LoginScope, email: string, value: string | undefined): string | null {
  const [id, sig] = value?.split(".") ?? [];
  if (!id || !sig || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) return null;
  const expected = mac(scope, email, id);
  const given = Buffer.from(sig, "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
}

/** The cookie's value naming `email`, keeping the device's id when it already has one. */
export function deviceCookieValue(scope: LoginScope, email: string, id: string | null): string {
  const deviceId = id ?? randomBytes(18).toString("base64url");
  return `${deviceId}.${mac(scope, email, deviceId).toString("base64url")}`;
}

export async function readDeviceCookie(scope: LoginScope): Promise<string | undefined> {
  return (await cookies()).get(COOKIE[scope])?.value;
}

export async function rememberDevice(scope: LoginScope, value: string): Promise<void> {
  (await cookies()).set(COOKIE[scope], value, {
    httpOnly: true,
    sameSite: "lax",
    secure: appUrl().startsWith("https://"),
    path: "/",
    maxAge: MAX_AGE_SEC,
  });
}
