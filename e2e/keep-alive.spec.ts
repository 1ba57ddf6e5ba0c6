import http from "node:http";
import type { Socket } from "node:net";
import { expect, test } from "./support/fixtures";

/**
 * Proxies, load balancers and pooling clients (Playwright's request context, SDK agents) reuse an
 * idle connection without waiting for the server's Keep-Alive hint. With Node's default of 5 s
 * the server closed such connections under them and their next request met a reset.
 */
test("an idle pooled connection outlasts a client's pause and carries the next request", async ({ baseURL }) => {
  test.setTimeout(30_000);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = () =>
    new Promise<{ status: number; keepAlive: string | string[] | undefined; socket: Socket }>((resolve, reject) => {
      const req = http.get(`${baseURL}/api/health`, { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, keepAlive: res.headers["keep-alive"], socket: req.socket! }));
      });
      req.on("error", reject);
    });
  try {
    const first = await get();
    expect(first.status).toBe(200);
    expect(first.keepAlive).toBe("timeout=65");
    await new Promise((r) => setTimeout(r, 7_000));
    const second = await get();
    expect(second.status).toBe(200);
    expect(second.socket, "the same connection, still open after 7 s idle").toBe(first.socket);
  } finally {
    agent.destroy();
  }
});
