import { describe, expect, it } from "vitest";
import { addressRefusal, classifyAddress } from "@/lib/http/address-policy";

const refused = (address: string) => addressRefusal(address, { allowPrivate: false });

describe("delivery address policy", () => {
  it("refuses private, link-local, metadata and reserved IPv4 addresses, naming why", () => {
    expect(refused("10.0.0.5")).toBe("10.0.0.5 is a private address");
    expect(refused("172.16.0.1")).toBe("172.16.0.1 is a private address");
    expect(refused("172.31.255.255")).toBe("172.31.255.255 is a private address");
    expect(refused("192.168.1.1")).toBe("192.168.1.1 is a private address");
    expect(refused("169.254.169.254")).toBe("169.254.169.254 is a cloud metadata address");
    expect(refused("169.254.1.2")).toBe("169.254.1.2 is a link-local address");
    expect(refused("0.0.0.0")).toBe("0.0.0.0 is an unspecified address");
    expect(refused("100.64.0.1")).toBe("100.64.0.1 is a shared (carrier-grade NAT) address");
    expect(refused("224.0.0.1")).toBe("224.0.0.1 is a multicast address");
    expect(refused("255.255.255.255")).toBe("255.255.255.255 is a reserved address");
  });

  it("lets public addresses and loopback through", () => {
    for (const address of ["8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "192.169.0.1", "11.0.0.1", "2606:4700::1111", "2001:4860:4860::8888"]) {
      expect([address, classifyAddress(address).kind]).toEqual([address, "public"]);
    }
    for (const address of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "::ffff:127.0.0.1"]) {
      expect([address, classifyAddress(address).kind]).toEqual([address, "loopback"]);
      expect(refused(address)).toBeNull();
    }
  });

  it("refuses private IPv6 ranges and IPv4 addresses carried inside IPv6", () => {
    expect(refused("fc00::1")).toBe("fc00::1 is a private address");
    expect(refused("fd12:3456::1")).toBe("fd12:3456::1 is a private address");
    expect(refused("fd00:ec2::254")).toBe("fd00:ec2::254 is a cloud metadata address");
    expect(refused("fe80::1")).toBe("fe80::1 is a link-local address");
    expect(refused("fe80::1%eth0")).toBe("fe80::1%eth0 is a link-local address");
    expect(refused("febf:ffff::1")).toBe("febf:ffff::1 is a link-local address");
    expect(refused("::")).toBe(":: is an unspecified address");
    expect(refused("ff02::1")).toBe("ff02::1 is a multicast address");
    expect(refused("::ffff:10.0.0.1")).toBe("::ffff:10.0.0.1 is a private address");
    expect(refused("::ffff:a9fe:a9fe")).toBe("::ffff:a9fe:a9fe is a cloud metadata address");
    expect(refused("[::ffff:192.168.0.1]")).toBe("::ffff:192.168.0.1 is a private address");
    expect(refused("64:ff9b::10.1.2.3")).toBe("64:ff9b::10.1.2.3 is a private address");
    expect(refused("2002:c0a8:0101::1")).toBe("2002:c0a8:0101::1 is a private address");
    expect(refused("0:0:0:0:0:ffff:0a00:0001")).toBe("0:0:0:0:0:ffff:0a00:0001 is a private address");
    expect(refused("::ffff:8.8.8.8")).toBeNull();
    expect(refused("fec0::1")).toBe("fec0::1 is a private address");
  });

  it("refuses anything that is not an IP address, and nothing with the opt-in", () => {
    expect(refused("example.com")).toBe("example.com is not an IP address");
    expect(addressRefusal("10.0.0.5", { allowPrivate: true })).toBeNull();
    expect(addressRefusal("169.254.169.254", { allowPrivate: true })).toBeNull();
  });
});
