import "server-only";
import { BlockList, isIP } from "node:net";
import { PEER_ADDRESS_HEADER } from "@/lib/auth/peer-address";
import { env } from "@/lib/env";

let trusted: BlockList | undefined;

function trustedProxies(): BlockList {
  if (trusted) return trusted;
  trusted = new BlockList();
  for (const p of env.HITDESK_TRUSTED_PROXIES) trusted.addSubnet(p.address, p.prefix, p.family);
  return trusted;
}

/** "::ffff:10.0.0.1" (IPv4 on an IPv6 socket) is 10.0.0.1. */
function normalize(address: string): string {
  const a = address.trim().toLowerCase();
  return a.startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

function isTrusted(address: string): boolean {
  const version = isIP(address);
  return version !== 0 && trustedProxies().check(address, version === 6 ? "ipv6" : "ipv4");
}

/**
 * The address a request came from, for throttling. The connection's own peer, unless that
 * peer is a configured trusted proxy (HITDESK_TRUSTED_PROXIES): then X-Forwarded-For is read
 * from the nearest hop back, skipping trusted proxies, and the first other address is the
 * client's. Hops further left were written by the client and are never believed.
 */
export function clientAddress(headers: Headers): string {
  const peer = headers.get(PEER_ADDRESS_HEADER);
  // Only requests that did not come through HITdesk's HTTP server (none in normal use).
  if (!peer) return "unknown";
  let address = normalize(peer);
  if (isTrusted(address)) {
    const hops = (headers.get("x-forwarded-for") ?? "").split(",").map(normalize).filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      address = hops[i]!;
      if (!isTrusted(address)) break;
    }
  }
  return address.slice(0, 64);
}
