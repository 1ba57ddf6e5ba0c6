import { describe, expect, it } from "vitest";
import { checkCredentials } from "@/lib/auth/credentials";
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, WINDOW_SECONDS } from "@/lib/auth/login-throttle";
import type { LoginClient } from "@/lib/auth/throttled-sign-in";
import { db } from "@/lib/db";
import { signInWorker, signUpWorker } from "@/lib/marketplace/worker-site/accounts";
import { createUser } from "@/lib/users/create-user";

const PASSWORD = "lantern-quiet-figs-7";
let n = 0;
const unique = (tag: string) => `${tag}-${Date.now()}-${n++}`;

async function member() {
  const email = `${unique("throttle")}@example.com`;
  await createUser({ email, password: PASSWORD, name: "Member" });
  return email;
}

const stranger = (address = `203.0.113.${n++ % 250}`): LoginClient => ({ address, deviceCookie: undefined });
/** "invalid" means the password was checked; "rate_limited" means it was not. */
const reasons = (results: Awaited<ReturnType<typeof checkCredentials>>[]) => results.map((r) => (r.ok ? "ok" : r.reason));
const count = (list: string[], value: string) => list.filter((v) => v === value).length;

describe("sign-in throttle", () => {
  it("checks at most the limit of passwords when 40 wrong guesses arrive at once", async () => {
    const email = await member();
    const client = stranger(unique("addr"));
    const results = reasons(await Promise.all(Array.from({ length: 40 }, (_, i) => checkCredentials({ email, password: `wrong-guess-${i}` }, client))));
    expect(count(results, "invalid")).toBe(ACCOUNT_LIMIT);
    expect(count(results, "rate_limited")).toBe(40 - ACCOUNT_LIMIT);
  });

  it("counts guesses at one account from every address together", async () => {
    const email = await member();
    const results = reasons(await Promise.all(Array.from({ length: 20 }, (_, i) => checkCredentials({ email, password: `wrong-${i}` }, stranger(unique("rotating"))))));
    expect(count(results, "invalid")).toBe(ACCOUNT_LIMIT);
  });

  it("stops one address from spraying many accounts", async () => {
    const address = unique("sprayer");
    const emails = Array.from({ length: ADDRESS_LIMIT + 10 }, () => `${unique("nobody")}@example.com`);
    const results = reasons(await Promise.all(emails.map((email) => checkCredentials({ email, password: "Summer2024!" }, stranger(address)))));
    expect(count(results, "invalid")).toBe(ADDRESS_LIMIT);
  });

  it("does not lock the owner out: their browser still gets in, others after the window", async () => {
    const email = await member();
    // The owner signed in from this browser before: it holds a device cookie.
    const first = await checkCredentials({ email, password: PASSWORD }, stranger(unique("home")));
    expect(first.ok).toBe(true);
    const ownBrowser: LoginClient = { address: unique("home"), deviceCookie: first.ok ? first.deviceCookie : undefined };

    for (let i = 0; i < ACCOUNT_LIMIT + 3; i++) await checkCredentials({ email, password: `attack-${i}` }, stranger(unique("attacker")));
    const newBrowser = await checkCredentials({ email, password: PASSWORD }, stranger(unique("cafe")));
    expect(newBrowser.ok).toBe(false);
    expect(!newBrowser.ok && newBrowser.reason === "rate_limited" && newBrowser.retryAfterSeconds).toBeLessThanOrEqual(WINDOW_SECONDS);

    expect((await checkCredentials({ email, password: PASSWORD }, ownBrowser)).ok).toBe(true);

    // The window ends WINDOW_SECONDS after the first failure, whatever the attacker did since.
    await db.$executeRaw`UPDATE login_throttle SET "windowStart" = "windowStart" - make_interval(secs => ${WINDOW_SECONDS}) WHERE key = ${`team-account:${email}`}`;
    expect((await checkCredentials({ email, password: PASSWORD }, stranger(unique("cafe")))).ok).toBe(true);
  });

  it("does not count a refused attempt, nor a successful one, against the address", async () => {
    const email = await member();
    const address = unique("office");
    for (let i = 0; i < ACCOUNT_LIMIT + 5; i++) await checkCredentials({ email, password: `typo-${i}` }, stranger(address));
    const row = await db.loginThrottle.findUniqueOrThrow({ where: { key: `address:${address}` } });
    expect(row.attempts).toBe(ACCOUNT_LIMIT);
  });

  it("never deadlocks when right and wrong passwords for the same accounts and addresses arrive together", async () => {
    const emails = await Promise.all([member(), member(), member()]);
    const addresses = [unique("shared-a"), unique("shared-b")];
    // Ended windows on the same keys: failed attempts drop them while others restart them.
    await db.loginThrottle.createMany({
      data: emails.flatMap((email) => [{ key: `team-account:${email}`, attempts: 3, windowStart: new Date(Date.now() - 2 * WINDOW_SECONDS * 1000) }]),
    });
    const attempts = Array.from({ length: 90 }, (_, i) => {
      const email = emails[i % emails.length]!;
      const password = i % 3 === 0 ? PASSWORD : `wrong-${i}`;
      return checkCredentials({ email, password }, stranger(addresses[i % addresses.length]));
    });
    const results = reasons(await Promise.all(attempts));
    expect(results.every((r) => r === "ok" || r === "invalid" || r === "rate_limited")).toBe(true);
    expect(count(results, "ok")).toBeGreaterThan(0);
  });

  it("throttles the worker site's sign-in the same way", async () => {
    const email = `${unique("worker")}@example.com`;
    await signUpWorker({ displayName: "W", email, password: PASSWORD, confirm: PASSWORD });
    const client = stranger(unique("worker-addr"));
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => signInWorker({ email, password: `wrong-${i}` }, client)));
    expect(
      count(
        results.map((r) => (r.ok ? "ok" : r.reason)),
        "invalid",
      ),
    ).toBe(ACCOUNT_LIMIT);
    // A team member with the same email is another account, throttled apart.
    await createUser({ email, password: PASSWORD, name: "Same person" });
    expect((await checkCredentials({ email, password: PASSWORD }, client)).ok).toBe(true);
  });
});
