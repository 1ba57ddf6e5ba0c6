import { afterEach, describe, expect, it, vi } from "vitest";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/peer-address";

/** clientAddress as configured by HITDESK_TRUSTED_PROXIES (read once, at import). */
async function withProxies(value: string | undefined) {
  vi.resetModules();
  if (value === undefined) vi.stubEnv("HITDESK_TRUSTED_PROXIES", "");
  else vi.stubEnv("HITDESK_TRUSTED_PROXIES", value);
  return (await import("@/lib/auth/client-address")).clientAddress;
}

const request = (peer: string | null, forwardedFor?: string) => {
  const headers = new Headers();
  if (peer) headers.set(PEER_ADDRESS_HEADER, peer);
  if (forwardedFor) headers.set("x-forwarded-for", forwardedFor);
  return headers;
};

afterEach(() => vi.unstubAllEnvs());

describe("the client address for throttling", () => {
  it("is the connection's peer, whatever X-Forwarded-For says, when no proxy is configured", async () => {
    const clientAddress = await withProxies(undefined);
    expect(clientAddress(request("::ffff:198.51.100.7"))).toBe("198.51.100.7");
    expect(clientAddress(request("198.51.100.7", "1.2.3.4"))).toBe("198.51.100.7");
    expect(clientAddress(request("2001:db8::1", "1.2.3.4, 5.6.7.8"))).toBe("2001:db8::1");
  });

  it("is the nearest address a trusted proxy saw, never one the client wrote", async () => {
    const clientAddress = await withProxies("10.0.0.0/8, ::1");
    // The proxy appends the address it saw; anything to its left came from the client.
    expect(clientAddress(request("10.1.2.3", "1.2.3.4, 198.51.100.7"))).toBe("198.51.100.7");
    // Two trusted proxies in a row are skipped.
    expect(clientAddress(request("::1", "1.2.3.4, 198.51.100.7, 10.9.9.9"))).toBe("198.51.100.7");
    // An untrusted peer is the client, even with a header.
    expect(clientAddress(request("198.51.100.9", "10.1.1.1"))).toBe("198.51.100.9");
    // A trusted peer that forwards nothing is itself the client (a health check on the proxy).
    expect(clientAddress(request("10.1.2.3"))).toBe("10.1.2.3");
  });

  it("refuses a setting that is not addresses or networks, naming the entry", async () => {
    await expect(withProxies("10.0.0.0/8, proxy.internal")).rejects.toThrow('HITDESK_TRUSTED_PROXIES: "proxy.internal" is not an IP address or a network such as 10.0.0.0/8');
  });
});
