import { describe, expect, it } from "vitest";
import { handleMturkRequest } from "@/lib/marketplace/handler";
import { useHarness } from "./harness";
import { signedHeaders } from "./signed-post";

/**
 * lib/marketplace/node-server.ts answers from the raw Node request, handleMturkRequest from a
 * Fetch Request (Next's route, the in-process transport). Both must answer every request alike:
 * each case here is sent both ways and the answers compared.
 */
const { h } = useHarness();

interface Sent {
  method: string;
  headers: Record<string, string>;
  body?: string;
}

async function signed(target: string, body: string, secret = h.secretAccessKey): Promise<Sent> {
  const headers = await signedHeaders({ url: h.endpoint, target: `MTurkRequesterServiceV20170117.${target}`, body, accessKeyId: h.accessKeyId, secretAccessKey: secret });
  return { method: "POST", headers, body };
}

/** An answer with what differs between any two calls (request id, the time in messages) taken out. */
async function comparable(response: Response) {
  const text = await response.text();
  const headers = Object.fromEntries([...response.headers.entries()].filter(([name]) => name === "content-type" || name.startsWith("access-control-")));
  return {
    status: response.status,
    headers,
    hasRequestId: /^[0-9a-f-]{36}$/.test(response.headers.get("x-amzn-requestid") ?? ""),
    body: text.replace(/ \(\d{13}\)"/g, ' (time)"'),
  };
}

async function bothWays(sent: Sent) {
  const init = { method: sent.method, headers: sent.headers, body: sent.body };
  const overNode = await comparable(await fetch(h.endpoint, init));
  const overFetch = await comparable(await handleMturkRequest(new Request(h.endpoint, init), h.environment));
  return { overNode, overFetch };
}

const deepArray = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;

describe("the raw Node path and the Fetch path", () => {
  it("answer GetHIT and ListHITs with the same HITs", async () => {
    const hit = await h.createHit();
    await h.createHit();
    for (const sent of [await signed("GetHIT", JSON.stringify({ HITId: hit.HITId })), await signed("ListHITs", JSON.stringify({ MaxResults: 2 }))]) {
      const { overNode, overFetch } = await bothWays(sent);
      expect(overNode.status).toBe(200);
      expect(overNode.body).toContain(hit.HITId!);
      expect(overNode).toEqual(overFetch);
    }
  });

  it.each([
    ["an unknown HIT", "GetHIT", JSON.stringify({ HITId: "3NOSUCHHIT0000000000000000000Z" }), "HITDoesNotExist"],
    ["an unknown operation", "NoSuchOperation", "{}", "UnknownOperationException"],
    ["a body that is not JSON", "GetAccountBalance", "{", "SerializationException"],
    ["a body that is not an object", "GetAccountBalance", "[]", "SerializationException"],
    ["JSON nested 20,000 deep", "GetAccountBalance", deepArray(20_000), "SerializationException"],
    ["a NUL character in a member", "GetHIT", JSON.stringify({ HITId: "3ABC\u0000DEF" }), "ValidationException"],
    ["an empty body", "GetHIT", "", "ValidationException"],
  ])("answer %s with the same error", async (_case, target, body, error) => {
    const { overNode, overFetch } = await bothWays(await signed(target, body));
    expect(overNode.status).toBe(400);
    expect(overNode.body).toContain(error);
    expect(overNode).toEqual(overFetch);
  });

  it("refuse a wrong signature and a missing one alike", async () => {
    const wrong = await signed("GetAccountBalance", "{}", "not-the-secret");
    const unsigned = { ...wrong, headers: Object.fromEntries(Object.entries(wrong.headers).filter(([name]) => name !== "authorization")) };
    for (const [sent, error] of [
      [wrong, "InvalidSignatureException"],
      [unsigned, "MissingAuthenticationTokenException"],
    ] as const) {
      const { overNode, overFetch } = await bothWays(sent);
      expect(overNode.body).toContain(error);
      expect(overNode).toEqual(overFetch);
    }
  });

  it("answer CORS preflight and refuse other methods alike", async () => {
    const preflight = await bothWays({ method: "OPTIONS", headers: { origin: "https://example.org", "access-control-request-method": "POST" } });
    expect(preflight.overNode.status).toBe(204);
    expect(preflight.overNode.headers["access-control-allow-origin"]).toBe("*");
    expect(preflight.overNode).toEqual(preflight.overFetch);
    const get = await bothWays({ method: "GET", headers: {} });
    expect(get.overNode.status).toBe(405);
    expect(get.overNode).toEqual(get.overFetch);
  });
});
