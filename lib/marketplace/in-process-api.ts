import "server-only";
import { HttpResponse, type HttpHandler, type HttpRequest } from "@smithy/protocol-http";
import { answerMturkRequest } from "@/lib/marketplace/handler";
import { mturkEnvironmentOf } from "@/lib/marketplace/node-server";
import type { SignedRequest } from "@/lib/marketplace/sigv4";

type HandlerOptions = Parameters<HttpHandler["handle"]>[1];

const encoder = new TextEncoder();

/**
 * The SDK's transport for HITdesk's own built-in marketplace: the request the SDK built and
 * signed goes straight to the marketplace's front door (SigV4 checked as for any client),
 * without a socket, an HTTP server or Next in between, and without Fetch Request/Response
 * objects (they cost more CPU than the query behind most calls). Everything else about the
 * call (the SDK's serialization, signing, retries and errors) is the same as over HTTP.
 */
export class InProcessMturkApi implements HttpHandler {
  async handle(request: HttpRequest, options?: HandlerOptions): Promise<{ response: HttpResponse }> {
    if (options?.abortSignal?.aborted) throw Object.assign(new Error("Request aborted"), { name: "AbortError" });
    const environment = mturkEnvironmentOf(request.path);
    if (!environment) throw new Error(`Not an MTurk API path: ${request.path}`);
    const headers = new Map(Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]));
    const signed: SignedRequest = { method: request.method, url: requestUrl(request), header: (name) => headers.get(name) };
    const answer = await answerMturkRequest(signed, requestBody(request.body), environment);
    return {
      response: new HttpResponse({
        statusCode: answer.status,
        headers: answer.headers,
        body: answer.body === null ? new Uint8Array() : encoder.encode(answer.body),
      }),
    };
  }

  updateHttpClientConfig(): void {
    // Nothing to configure: there is no connection.
  }

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }
}

/** The absolute URL the SDK addressed, as SigV4 verification reads it. */
function requestUrl(request: HttpRequest): string {
  const port = request.port ? `:${request.port}` : "";
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(request.query ?? {})) {
    for (const v of Array.isArray(value) ? value : value === null ? [] : [value]) query.append(name, v);
  }
  const search = query.size ? `?${query}` : "";
  return `${request.protocol}//${request.hostname}${port}${request.path}${search}`;
}

/** The request's bytes: the JSON protocol's body is a string; anything else must be bytes already. */
function requestBody(body: unknown): Uint8Array {
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === "string") return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  throw new Error("The in-process MTurk transport sends string or byte bodies only.");
}
