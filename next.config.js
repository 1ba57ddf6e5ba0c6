/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and wasm packages stay outside the server bundle.
  serverExternalPackages: ["@node-rs/argon2", "@electric-sql/pglite", "@electric-sql/pglite-socket", "@prisma/schema-engine-wasm", "pg"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc --noEmit); the start-up build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
};
export default nextConfig;
