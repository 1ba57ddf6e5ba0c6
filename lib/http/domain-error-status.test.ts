import { describe, expect, it } from "vitest";
import { Conflict, Forbidden, Gone, InsufficientFunds, Invalid, NotFound, Unprocessable, UpstreamFailed } from "@/lib/errors";
import { domainErrorStatus } from "@/lib/http/domain-error-status";

describe("domainErrorStatus", () => {
  it("answers each domain error with the status the routes have always used", () => {
    expect(domainErrorStatus(new Invalid("x"))).toBe(400);
    expect(domainErrorStatus(new InsufficientFunds("x"))).toBe(402);
    expect(domainErrorStatus(new Forbidden("x"))).toBe(403);
    expect(domainErrorStatus(new NotFound("x"))).toBe(404);
    expect(domainErrorStatus(new Conflict("x"))).toBe(409);
    expect(domainErrorStatus(new Gone("x"))).toBe(410);
    expect(domainErrorStatus(new Unprocessable("x"))).toBe(422);
    expect(domainErrorStatus(new UpstreamFailed("x"))).toBe(502);
  });

  it("keeps the message and details for the response body", () => {
    const e = new Invalid("Row 2 is empty", [{ row: 2 }]);
    expect([e.message, e.details, e.name]).toEqual(["Row 2 is empty", [{ row: 2 }], "Invalid"]);
  });
});
