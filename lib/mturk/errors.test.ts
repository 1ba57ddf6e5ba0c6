import { describe, expect, it } from "vitest";
import { toMturkError } from "@/lib/mturk/errors";

describe("toMturkError", () => {
  it("keeps MTurk's request errors and their TurkErrorCode, without the trailing timestamp", () => {
    const e = toMturkError(Object.assign(new Error("Hit 3XYZ does not exist. (1624047673908)"), { name: "RequestError", TurkErrorCode: "AWS.MechanicalTurk.HITDoesNotExist" }));
    expect(e.kind).toBe("request");
    expect(e.retryable).toBe(false);
    expect(e.turkErrorCode).toBe("AWS.MechanicalTurk.HITDoesNotExist");
    expect(e.message).toBe("Hit 3XYZ does not exist.");
  });

  it("marks service faults and throttling as retryable", () => {
    expect(toMturkError(Object.assign(new Error("try again"), { name: "ServiceFault" })).retryable).toBe(true);
    expect(toMturkError(Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" })).kind).toBe("throttled");
  });

  it("explains refused credentials and unreachable or non-MTurk endpoints", () => {
    expect(toMturkError(Object.assign(new Error("The security token included in the request is invalid."), { name: "UnrecognizedClientException" })).message).toMatch(/refused the credentials/);
    expect(toMturkError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" })).kind).toBe("network");
    const html = toMturkError(Object.assign(new Error("Unexpected token '<' ... Deserialization error: to see the raw response"), { $metadata: { httpStatusCode: 404 } }));
    expect(html.message).toBe("The endpoint did not answer like the MTurk API (HTTP 404). Check the endpoint URL.");
  });
});
