import { channel } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

/**
 * The address of the TCP peer of a request, as a header the route code can read. Written by
 * the server for every request, over anything a client sent under that name, so it cannot be
 * forged (Next passes no socket address to route handlers, and keeps a client's own
 * X-Forwarded-For as it is).
 */
export const PEER_ADDRESS_HEADER = "x-hitdesk-peer-address";

// Published by node:http for each request before its "request" event reaches Next. Held
// here so the channel and its subscriber live as long as the server.
const requestStart = channel("http.server.request.start");
let recording = false;

/** Called once at server start (instrumentation.ts), before the first request is handled. */
export function recordPeerAddresses(): void {
  if (recording) return;
  recording = true;
  requestStart.subscribe((message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    if (socket.remoteAddress) request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress;
    else delete request.headers[PEER_ADDRESS_HEADER];
  });
}
