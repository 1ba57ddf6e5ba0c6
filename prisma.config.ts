import { defineConfig } from "prisma/config";

// The CLI reads DATABASE_URL only for `prisma migrate deploy` on machines where the native
// engine can be downloaded; HITdesk itself migrates through scripts/cli.ts (wasm engine).
export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/hitdesk" },
});
