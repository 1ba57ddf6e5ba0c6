import { describe, expect, it } from "vitest";
import { crossSiteProblem, requestHost, requestOrigin } from "@/lib/http/same-origin";

const h = (init: Record<string, string>) => new Headers(init);
const APP = ["http://127.0.0.1:3000", "http://localhost:3000"];

describe("request origin", () => {
  it("is the scheme and the Host the browser used, or the forwarded ones", () => {
    expect(requestOrigin(h({ host: "127.0.0.1:3000" }), "http://localhost:3000/x")).toBe("http://127.0.0.1:3000");
    expect(requestOrigin(h({ host: "internal:3000", "x-forwarded-host": "hitdesk.example.com", "x-forwarded-proto": "https" }), "http://internal:3000/")).toBe("https://hitdesk.example.com");
    expect(requestOrigin(h({ host: "[::1]:3000" }), "http://[::1]:3000/")).toBe("http://[::1]:3000");
  });

  it("is null for a Host that is not a plain host name, so it never reaches a header", () => {
    expect(requestHost(h({ host: "evil.com; frame-ancestors *" }))).toBeNull();
    expect(requestOrigin(h({ host: "a b" }), "http://x/")).toBeNull();
  });
});

describe("cross-site requests", () => {
  it("allows the browser's same-origin requests and programs that send neither header", () => {
    expect(crossSiteProblem(h({ "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:3000" }), APP)).toBeNull();
    expect(crossSiteProblem(h({ origin: "http://localhost:3000" }), APP)).toBeNull();
    expect(crossSiteProblem(h({}), APP)).toBeNull();
  });

  it("refuses other sites, sibling sites and sandboxed (null) origins", () => {
    expect(crossSiteProblem(h({ "sec-fetch-site": "cross-site", origin: "https://evil.example" }), APP)).toMatch(/evil\.example/);
    expect(crossSiteProblem(h({ origin: "https://evil.example" }), APP)).not.toBeNull();
    expect(crossSiteProblem(h({ "sec-fetch-site": "same-site", origin: "http://127.0.0.1:4000" }), APP)).not.toBeNull();
    expect(crossSiteProblem(h({ origin: "null" }), APP)).not.toBeNull();
    expect(crossSiteProblem(h({ "sec-fetch-site": "cross-site" }), APP)).not.toBeNull();
  });
});
