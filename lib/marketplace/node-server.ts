import "server-only";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { handleMturkRequest } from "@/lib/marketplace/handler";
import type { MarketplaceEnvironment } from "@/lib/marketplace/requesters";

/**
 * The built-in marketplace on a plain Node HTTP server, without Next: what tests and
 * benchmarks talk to, and the shape it would take as a service of its own. Requests reach
 * handleMturkRequest exactly as received.
 */
export async function serveMarketplace(options: { port?: number; onHandled?(ms: number): void } = {}): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const environment = req.url?.match(/^\/api\/mturk\/(sandbox|production)\/?(\?|$)/)?.[1] as MarketplaceEnvironment | undefined;
      if (!environment) {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const started = performance.now();
      const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body: req.method === "POST" ? Buffer.concat(chunks) : undefined });
      void handleMturkRequest(request, environment).then(async (response) => {
        options.onHandled?.(performance.now() - started);
        res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}
