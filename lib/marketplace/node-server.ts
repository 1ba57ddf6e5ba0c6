import "server-only";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { answerMturkRequest } from "@/lib/marketplace/handler";
import type { MarketplaceEnvironment } from "@/lib/marketplace/requesters";
import type { SignedRequest } from "@/lib/marketplace/sigv4";

const MTURK_PATH = /^\/api\/mturk\/(sandbox|production)\/?(\?|$)/;

/** The environment an MTurk API path names, or undefined when the path is not the MTurk API's. */
export function mturkEnvironmentOf(url: string | undefined): MarketplaceEnvironment | undefined {
  return url?.match(MTURK_PATH)?.[1] as MarketplaceEnvironment | undefined;
}

/**
 * Answers one MTurk API request on plain Node HTTP, without Next: the one path both the
 * standalone server below and HITdesk's own server (in front of Next) take. Read straight
 * from the Node request (no Fetch Request/Response in between: they cost more than the query).
 */
export function handleMturkNodeRequest(req: IncomingMessage, res: ServerResponse, environment: MarketplaceEnvironment, onHandled?: (ms: number) => void): void {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const started = performance.now();
    const signed: SignedRequest = {
      method: req.method ?? "GET",
      url: `http://${req.headers.host}${req.url}`,
      header: (name) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value.join(", ") : value;
      },
    };
    const body = req.method === "POST" ? (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)) : new Uint8Array();
    void answerMturkRequest(signed, body, environment).then((answer) => {
      onHandled?.(performance.now() - started);
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body ?? undefined);
    });
  });
}

/**
 * The built-in marketplace on a plain Node HTTP server, without Next: what tests and
 * benchmarks talk to, and the shape it would take as a service of its own.
 */
export async function serveMarketplace(options: { port?: number; onHandled?: (ms: number) => void } = {}): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const environment = mturkEnvironmentOf(req.url);
    if (!environment) res.writeHead(404).end();
    else handleMturkNodeRequest(req, res, environment, options.onHandled);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}
