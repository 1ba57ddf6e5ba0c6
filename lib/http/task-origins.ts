import "server-only";
import { appUrl } from "@/lib/env";
import { requestOrigin } from "@/lib/http/same-origin";
import type { TaskOrigins } from "@/lib/mturk-formats/task-html";

/**
 * The origins of a task document served for `request`: the one the browser used (so HITdesk
 * opened as http://127.0.0.1:3000 while HITDESK_URL says localhost still frames its tasks) and
 * the configured HITDESK_URL. Trusting the Host header here is safe: a browser sends the host of
 * the URL it loads, so a foreign page framing a task names HITdesk's host, never its own.
 */
export function taskOrigins(request: Request): TaskOrigins {
  const configured = appUrl();
  const self = requestOrigin(request.headers, request.url) ?? configured;
  return { self, ancestors: [...new Set([self, configured])] };
}
