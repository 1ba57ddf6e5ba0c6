import "server-only";
import { clientAddress } from "@/lib/auth/client-address";
import { deviceCookieValue, readDeviceCookie, trustedDeviceId, type LoginScope } from "@/lib/auth/login-device";
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, DEVICE_LIMIT, dropEndedWindows, forget, giveBack, reserveAttempt, type ThrottleKey } from "@/lib/auth/login-throttle";

/** Who is signing in: the client's address and the browser's device cookie, if any. */
export interface LoginClient {
  address: string;
  deviceCookie: string | undefined;
}

export type SignInOutcome<T> = { ok: true; value: T; deviceCookie: string } | { ok: false; reason: "invalid" } | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/** The signing-in client of the current request. */
export async function currentLoginClient(scope: LoginScope, headers: Headers): Promise<LoginClient> {
  return { address: clientAddress(headers), deviceCookie: await readDeviceCookie(scope) };
}

/**
 * Runs `check` (find the account, verify the password; null when they do not match) only when
 * the throttle allows one more attempt. Unknown emails are throttled like known ones. On
 * success, `deviceCookie` is the value to store in the browser (rememberDevice).
 */
export async function throttledSignIn<T>(scope: LoginScope, email: string, client: LoginClient, check: () => Promise<T | null>): Promise<SignInOutcome<T>> {
  const deviceId = trustedDeviceId(scope, email, client.deviceCookie);
  const keys: ThrottleKey[] = deviceId
    ? [{ key: `device:${deviceId}`, limit: DEVICE_LIMIT }]
    : [
        { key: `${scope}-account:${email}`, limit: ACCOUNT_LIMIT },
        { key: `address:${client.address}`, limit: ADDRESS_LIMIT },
      ];
  const reserved = await reserveAttempt(keys);
  if (!reserved.ok) return { ok: false, reason: "rate_limited", retryAfterSeconds: reserved.retryAfterSeconds };
  const value = await check();
  if (value === null) {
    await dropEndedWindows();
    return { ok: false, reason: "invalid" };
  }
  if (deviceId) await forget(`device:${deviceId}`);
  else await giveBack(keys.map((k) => k.key));
  return { ok: true, value, deviceCookie: deviceCookieValue(scope, email, deviceId) };
}

/** "Too many failed sign-ins…", with how long to wait. */
export function rateLimitedMessage(retryAfterSeconds: number): string {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or from a browser you have signed in with before.`;
}
