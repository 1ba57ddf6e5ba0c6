import { isIP } from "node:net";

/**
 * Which addresses outgoing deliveries (team webhooks, the marketplace's HTTP notifications) may
 * reach. A team admin chooses the URL, so without this the server would POST into its own
 * network on their behalf: cloud metadata (169.254.169.254), databases on 10/8, routers. Loopback
 * stays allowed because self-hosted admins run receivers on the same machine;
 * HITDESK_WEBHOOK_ALLOW_PRIVATE=1 lifts the rest for receivers on a private network.
 */
export type AddressClass = { kind: "public" } | { kind: "loopback" } | { kind: "blocked"; what: string };

interface Range {
  /** The network as a bigint, left-aligned to the family's width. */
  network: bigint;
  prefix: number;
  what: string;
}

function ipv4Value(address: string): bigint {
  return address.split(".").reduce((n, part) => (n << 8n) | BigInt(Number(part)), 0n);
}

/** The 128-bit value of an IPv6 address, including forms ending in dotted IPv4 (`::ffff:10.0.0.1`). */
function ipv6Value(address: string): bigint {
  let text = address.replace(/%.*$/, "");
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipv4Value(v4[1]!);
    text = `${text.slice(0, -v4[1]!.length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const headParts = head ? head.split(":") : [];
  const tailParts = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headParts.length - tailParts.length).fill("0");
  return [...headParts, ...zeros, ...tailParts].reduce((n, part) => (n << 16n) | BigInt(parseInt(part, 16)), 0n);
}

const v4 = (cidr: string, what: string): Range => {
  const [address = "", prefix = "32"] = cidr.split("/");
  return { network: ipv4Value(address), prefix: Number(prefix), what };
};
const v6 = (cidr: string, what: string): Range => {
  const [address = "", prefix = "128"] = cidr.split("/");
  return { network: ipv6Value(address), prefix: Number(prefix), what };
};

const PRIVATE = "a private address";
const LINK_LOCAL = "a link-local address";
const RESERVED = "a reserved address";

/** Most specific first: the metadata address is named as such, not as link-local. */
const IPV4_BLOCKED: Range[] = [
  v4("169.254.169.254/32", "a cloud metadata address"),
  v4("0.0.0.0/8", "an unspecified address"),
  v4("10.0.0.0/8", PRIVATE),
  v4("100.64.0.0/10", "a shared (carrier-grade NAT) address"),
  v4("169.254.0.0/16", LINK_LOCAL),
  v4("172.16.0.0/12", PRIVATE),
  v4("192.0.0.0/24", RESERVED),
  v4("192.0.2.0/24", RESERVED),
  v4("192.168.0.0/16", PRIVATE),
  v4("198.18.0.0/15", RESERVED),
  v4("198.51.100.0/24", RESERVED),
  v4("203.0.113.0/24", RESERVED),
  v4("224.0.0.0/4", "a multicast address"),
  v4("240.0.0.0/4", RESERVED),
];

const IPV6_BLOCKED: Range[] = [
  v6("fd00:ec2::254/128", "a cloud metadata address"),
  v6("::/128", "an unspecified address"),
  v6("100::/64", RESERVED),
  v6("2001:db8::/32", RESERVED),
  v6("fc00::/7", PRIVATE),
  v6("fe80::/10", LINK_LOCAL),
  v6("fec0::/10", PRIVATE),
  v6("ff00::/8", "a multicast address"),
];

const within = (value: bigint, range: Range, width: number) => value >> BigInt(width - range.prefix) === range.network >> BigInt(width - range.prefix);

function classifyIpv4(value: bigint): AddressClass {
  if (value >> 24n === 127n) return { kind: "loopback" };
  const range = IPV4_BLOCKED.find((r) => within(value, r, 32));
  return range ? { kind: "blocked", what: range.what } : { kind: "public" };
}

/** Classifies one IP address (v4 or v6, brackets allowed); anything not an IP address is blocked. */
export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[(.*)\]$/, "$1");
  const family = isIP(bare);
  if (family === 4) return classifyIpv4(ipv4Value(bare));
  if (family !== 6) return { kind: "blocked", what: "not an IP address" };
  const value = ipv6Value(bare);
  if (value === 1n) return { kind: "loopback" };
  // IPv4 inside IPv6 reaches the IPv4 address: mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96), 6to4 (2002::/16).
  if (value >> 32n === 0xffffn || value >> 32n === 0x64ff9b0000000000000000n) return classifyIpv4(value & 0xffffffffn);
  if (value >> 112n === 0x2002n) return classifyIpv4((value >> 80n) & 0xffffffffn);
  const range = IPV6_BLOCKED.find((r) => within(value, r, 128));
  return range ? { kind: "blocked", what: range.what } : { kind: "public" };
}

/**
 * Why a delivery may not go to `address` ("10.0.0.5 is a private address"), or null when it may.
 * `allowPrivate` (HITDESK_WEBHOOK_ALLOW_PRIVATE) lets every address through.
 */
export function addressRefusal(address: string, options: { allowPrivate: boolean }): string | null {
  if (options.allowPrivate) return null;
  const found = classifyAddress(address);
  return found.kind === "blocked" ? `${address.replace(/^\[(.*)\]$/, "$1")} is ${found.what}` : null;
}
