import apiHeaders from "./lib/http/api-headers.json" with { type: "json" };

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and wasm packages stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "@electric-sql/pglite", "@electric-sql/pglite-socket", "@prisma/schema-engine-wasm", "pg"],
  poweredByHeader: false,
  // MTurk SDKs may be configured with a trailing slash on the endpoint; a redirect would
  // drop their signed POST.
  skipTrailingSlashRedirect: true,
  // `npm test` type-checks the whole project (tsc --noEmit); the start-up build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  // Each route's code loads on its first request rather than all at start-up: idle memory.
  experimental: { preloadEntriesOnStart: false },
  // Pages get their headers from proxy.ts; API answers (JSON, CSV, the MTurk API's XML) are
  // never to be framed or sniffed either. Task documents set their own (task-html.ts). The MTurk
  // API, answered before Next (scripts/start.ts), sets the same list.
  async headers() {
    return [
      { source: "/api/:path*", headers: apiHeaders },
      { source: "/task-assets/:path*", headers: [{ key: "X-Content-Type-Options", value: "nosniff" }] },
    ];
  },
};
export default nextConfig;
