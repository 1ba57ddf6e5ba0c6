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
};
export default nextConfig;
