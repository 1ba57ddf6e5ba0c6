import { z } from "zod";

/*
 * Safe in the browser (the webhook form checks with it): the server adds the address policy
 * (ReachableDeliveryUrl in lib/http/signed-delivery.ts), which depends on its configuration.
 */

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** A receiver URL: https, or http to this machine only (local receivers and tests). */
export const DeliveryUrl = z
  .string("URL is required")
  .trim()
  .min(1, "URL is required")
  .max(2000, "URL: at most 2000 characters")
  .pipe(z.url("URL: not a valid URL, e.g. https://example.com/hooks/hitdesk"))
  // zod runs refinements after a failed format check too: an unparseable URL is already reported.
  .refine((value) => {
    const url = URL.parse(value);
    return !url || url.protocol === "https:" || (url.protocol === "http:" && (LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname)));
  }, "URL: must start with https:// (http:// only for localhost or 127.0.0.1)")
  .refine((value) => {
    const url = URL.parse(value);
    return !url || (!url.username && !url.password);
  }, "URL: no user name or password in the URL");
