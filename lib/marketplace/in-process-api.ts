import "server-only";
import { HttpResponse, type HttpHandler, type HttpRequest } from "@smithy/protocol-http";
import { handleMturkRequest } from "@/lib/marketplace/handler";
import { mturkEnvironmentOf } from "@/lib/marketplace/node-server";

type HandlerOptions = Parameters<HttpHandler["handle"]>[1];

/**
 * The SDK's transport for HITdesk's own built-in marketplace: the request the SDK built and
 * signed goes straight to the marketplace's front door (SigV4 checked as for any client),
 * without a socket, an HTTP server or Next in between. Everything else about the call (the
 * SDK's serialization, signing, retries and errors) is the same as over HTTP.
 */
export class InProcessMturkApi implements HttpHandler {
  async handle(request: HttpRequest, options?: HandlerOptions): Promise<{ response: HttpResponse }> {
    if (options?.abortSignal?.aborted) throw Object.assign(new Error("Request aborted"), { name: "AbortError" });
    const environment = mturkEnvironmentOf(request.path);
    if (!environment) throw new Error(`Not an MTurk API path: ${request.path}`);
    const port = request.port ? `:${request.port}` : "";
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) headers.set(name, value);
    const answer = await handleMturkRequest(
      new Request(`${request.protocol}//${request.hostname}${port}${request.path}`, { method: request.method, headers, body: request.body as BodyInit }),
      environment,
    );
    return {
      response: new HttpResponse({
        statusCode: answer.status,
        reason: answer.statusText,
        headers: Object.fromEntries(answer.headers.entries()),
        body: new Uint8Array(await answer.arrayBuffer()),
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
