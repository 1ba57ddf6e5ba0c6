import { createServer } from "node:http";
import type * as Dns from "node:dns";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { postSigned } from "@/lib/http/signed-delivery";

// Host names resolve through this table: no network needed, and a name can answer any address.
const HOSTS: Record<string, { address: string; family: number }[]> = {
  "internal.example": [{ address: "10.0.0.5", family: 4 }],
  "metadata.example": [{ address: "169.254.169.254", family: 4 }],
  // One public and one private answer: every address counts, not just the first.
  "mixed.example": [
    { address: "93.184.215.14", family: 4 },
    { address: "fd00::5", family: 6 },
  ],
  "loop.example": [{ address: "127.0.0.1", family: 4 }],
};

vi.mock("node:dns", async (original) => {
  const dns = await original<typeof Dns>();
  const lookup = (hostname: string, options: object, callback: (e: Error | null, all: { address: string; family: number }[]) => void) => {
    const answer = HOSTS[hostname];
    if (answer) return callback(null, answer);
    dns.lookup(hostname, { ...options, all: true }, callback);
  };
  return { ...dns, default: { ...dns, lookup }, lookup };
});

let port = 0;
let hits = 0;
const server = createServer((req, res) => {
  hits++;
  req.resume();
  req.on("end", () => res.end("ok"));
});
beforeAll(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => ((port = (server.address() as AddressInfo).port), resolve()))));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const post = (url: string) => postSigned({ url, secret: "whsec_test", body: "{}", eventId: "evt_1", eventType: "WebhookTest", attempt: 1, timeoutMs: 2000 });

describe("host names at delivery time", () => {
  it("refuses a host that resolves to a private or metadata address, for good", async () => {
    expect(await post(`http://internal.example:${port}/x`)).toMatchObject({ ok: false, final: true, statusCode: null, error: "Refused: internal.example: 10.0.0.5 is a private address" });
    expect(await post(`https://metadata.example/latest`)).toMatchObject({ final: true, error: "Refused: metadata.example: 169.254.169.254 is a cloud metadata address" });
    expect(await post(`https://mixed.example/x`)).toMatchObject({ final: true, error: "Refused: mixed.example: fd00::5 is a private address" });
    expect(hits).toBe(0);
  });

  it("connects to the address it checked when the host resolves to loopback", async () => {
    expect(await post(`http://loop.example:${port}/x`)).toMatchObject({ ok: true, statusCode: 200 });
    expect(hits).toBe(1);
  });
});
