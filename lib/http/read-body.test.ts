import { describe, expect, it } from "vitest";
import { HttpError } from "@/lib/http/http-error";
import { MAX_BODY_BYTES, readFormBody, readJsonBody } from "@/lib/http/read-body";
import { taskOrigins } from "@/lib/http/task-origins";
import { taskContentSecurityPolicy } from "@/lib/mturk-formats/task-html";

const post = (body: BodyInit | null, headers: Record<string, string>) => new Request("http://127.0.0.1:3000/api/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function refusal(p: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HttpError) return { status: e.status, message: e.message };
    throw e;
  }
  throw new Error("not refused");
}

describe("readJsonBody", () => {
  it("reads JSON, and a request without a body as {}", async () => {
    expect(await readJsonBody(post('{"a":[1,"x"]}', { "content-type": "application/json; charset=utf-8" }))).toEqual({ a: [1, "x"] });
    expect(await readJsonBody(post(null, {}))).toEqual({});
    expect(await readJsonBody(new Request("http://x/api/y", { method: "DELETE" }))).toEqual({});
  });

  it("refuses bodies that are not JSON with 415, naming the type sent", async () => {
    expect(await refusal(readJsonBody(post("{}", { "content-type": "text/plain" })))).toEqual({
      status: 415,
      message: "Send the request body as JSON (Content-Type: application/json), not text/plain",
    });
    expect((await refusal(readJsonBody(post("a=1", { "content-type": "application/x-www-form-urlencoded" })))).status).toBe(415);
  });

  it("refuses broken JSON and broken UTF-8 with 400", async () => {
    expect(await refusal(readJsonBody(post("{", { "content-type": "application/json" })))).toEqual({ status: 400, message: "The request body is not valid JSON" });
    expect((await refusal(readJsonBody(post(new Uint8Array([0x7b, 0xff, 0x7d]), { "content-type": "application/json" })))).status).toBe(400);
  });

  it("refuses an oversized body with 413, from Content-Length or while streaming", async () => {
    const declared = post("{}", { "content-type": "application/json", "content-length": String(MAX_BODY_BYTES + 1) });
    expect((await refusal(readJsonBody(declared))).status).toBe(413);
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ > 40) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const streamed = await refusal(readJsonBody(post(stream, { "content-type": "application/json", "transfer-encoding": "chunked" })));
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(40);
  });
});

describe("readFormBody", () => {
  it("reads urlencoded and multipart forms, a repeated field as an array, and no body as {}", async () => {
    expect(await readFormBody(post("payload=%7B%7D&tag=a&tag=b", { "content-type": "application/x-www-form-urlencoded" }))).toEqual({ payload: "{}", tag: ["a", "b"] });
    const multipart = new FormData();
    multipart.set("payload", "{}");
    const request = new Request("http://127.0.0.1:3000/task-preview", { method: "POST", body: multipart });
    expect(await readFormBody(request)).toEqual({ payload: "{}" });
    expect(await readFormBody(post(null, {}))).toEqual({});
  });

  it("refuses JSON and text bodies with 415, and oversized ones with 413", async () => {
    expect(await refusal(readFormBody(post("{}", { "content-type": "application/json" })))).toEqual({
      status: 415,
      message: "Send the request body as a form (Content-Type: multipart/form-data or application/x-www-form-urlencoded), not application/json",
    });
    const declared = post("a=1", { "content-type": "application/x-www-form-urlencoded", "content-length": String(MAX_BODY_BYTES + 1) });
    expect((await refusal(readFormBody(declared))).status).toBe(413);
  });

  it("refuses a broken multipart body with 400", async () => {
    expect(await refusal(readFormBody(post("not multipart", { "content-type": "multipart/form-data; boundary=x" })))).toEqual({ status: 400, message: "The request body is not a valid form" });
  });
});

describe("task frame origins", () => {
  it("lets the host the browser used and HITDESK_URL frame task content, and nothing forged", () => {
    const viaLocalhost = taskOrigins(new Request("http://localhost:3000/task/t", { headers: { host: "localhost:3000" } }));
    expect(viaLocalhost.self).toBe("http://localhost:3000");
    expect(viaLocalhost.ancestors).toContain("http://localhost:3000");
    const csp = taskContentSecurityPolicy(viaLocalhost);
    expect(csp).toMatch(/frame-ancestors http:\/\/localhost:3000( |$)/);
    expect(csp).toContain("script-src 'unsafe-inline' 'unsafe-eval' http://localhost:3000/task-assets/");
    const forged = taskOrigins(new Request("http://localhost:3000/task/t", { headers: { host: "evil.example; frame-ancestors *" } }));
    expect(taskContentSecurityPolicy(forged)).not.toContain("evil.example");
  });
});
