import { isIP } from "node:net";
import { z } from "zod";

/** Every environment variable HITdesk reads, parsed once. No `process.env` elsewhere. */

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

/** One proxy address or network (`10.0.0.5`, `10.0.0.0/8`, `::1`, `fd00::/8`). */
export interface TrustedProxy {
  address: string;
  prefix: number;
  family: "ipv4" | "ipv6";
}

/** "a, b c" into addresses and networks; anything else is a configuration error naming it. */
const TrustedProxies = z.string().transform((value, ctx): TrustedProxy[] => {
  const proxies: TrustedProxy[] = [];
  for (const entry of value.split(/[\s,]+/).filter(Boolean)) {
    const [address = "", prefixText, extra] = entry.split("/");
    const version = isIP(address);
    const max = version === 6 ? 128 : 32;
    const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
    if (!version || extra !== undefined || !(prefix >= 0 && prefix <= max)) {
      ctx.addIssue({ code: "custom", message: `"${entry}" is not an IP address or a network such as 10.0.0.0/8` });
      return z.NEVER;
    }
    proxies.push({ address, prefix, family: version === 6 ? "ipv6" : "ipv4" });
  }
  return proxies;
});

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** A real Postgres server; unset = the embedded database under HITDESK_DATA_DIR. */
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\/[^\s]+$/, "DATABASE_URL must look like postgresql://user:password@host:5432/database")
        .optional(),
    ),
    HITDESK_DATA_DIR: z.string().default(".data"),
    /** Master key for secrets at rest and sessions; generated into the data folder when unset. */
    HITDESK_SECRET: optionalString.pipe(z.string().min(32, "HITDESK_SECRET must be at least 32 characters").optional()),
    /** Public URL of the app, used in printed links and the built-in marketplace endpoint. */
    HITDESK_URL: optionalString.pipe(z.url("HITDESK_URL must be a URL such as https://hitdesk.example.com").optional()),
    HITDESK_ADMIN_EMAIL: optionalString.pipe(z.email("HITDESK_ADMIN_EMAIL must be an email address").optional()),
    HITDESK_ADMIN_PASSWORD: optionalString,
    SMTP_URL: optionalString.pipe(z.url("SMTP_URL must be a URL such as smtp://user:pass@host:587").optional()),
    SMTP_FROM: optionalString,
    AUTH_SECRET: optionalString,
    AUTH_GITHUB_ID: optionalString,
    AUTH_GITHUB_SECRET: optionalString,
    AUTH_GOOGLE_ID: optionalString,
    AUTH_GOOGLE_SECRET: optionalString,
    AUTH_OIDC_ISSUER: optionalString.pipe(z.url("AUTH_OIDC_ISSUER must be the issuer URL").optional()),
    AUTH_OIDC_ID: optionalString,
    AUTH_OIDC_SECRET: optionalString,
    AUTH_OIDC_NAME: z.string().default("Single sign-on"),
    /** Fault injection for every requester of an environment's built-in marketplace (JSON, see lib/marketplace/faults). */
    HITDESK_MARKETPLACE_FAULTS_SANDBOX: optionalString,
    HITDESK_MARKETPLACE_FAULTS_PRODUCTION: optionalString,
    /** Fee schedule of an environment's built-in marketplace (JSON, see lib/mturk-formats/fees). */
    HITDESK_MARKETPLACE_FEES_SANDBOX: optionalString,
    HITDESK_MARKETPLACE_FEES_PRODUCTION: optionalString,
    /**
     * Reverse proxies whose X-Forwarded-For is believed, to find a client's address for the
     * sign-in throttle. Unset: the address of the connection itself; forwarded headers are ignored.
     */
    HITDESK_TRUSTED_PROXIES: z.string().default("").pipe(TrustedProxies),
    /** Worker site: "open" lets anyone create a worker account; "invite" requires a team's invitation link. */
    HITDESK_WORKER_SIGNUP: z.enum(["open", "invite"]).default("open"),
    /** Lets webhooks and HTTP notifications reach private, link-local and metadata addresses (loopback is always allowed). */
    HITDESK_WEBHOOK_ALLOW_PRIVATE: z
      .enum(["0", "1", ""])
      .optional()
      .transform((v) => v === "1"),
    /** Enables the test-only endpoints (marketplace clock). Never set in production. */
    HITDESK_TEST_MODE: z
      .enum(["0", "1", ""])
      .optional()
      .transform((v) => v === "1"),
    /** Background sync of recently active teams, every this many seconds (0 = only on demand). */
    HITDESK_SYNC_INTERVAL_SECONDS: optionalString.pipe(
      z
        .string()
        .regex(/^\d+$/, "HITDESK_SYNC_INTERVAL_SECONDS must be a whole number of seconds, 0 (only on demand) or more")
        .transform(Number)
        .pipe(z.number().max(86_400, "HITDESK_SYNC_INTERVAL_SECONDS must be at most 86400 (a day)"))
        .default(60),
    ),
    /** Simulated workers a new team's built-in sandbox starts with (0 = off). */
    HITDESK_SIMULATED_WORKERS: optionalString.pipe(
      z
        .string()
        .regex(/^\d+$/, "HITDESK_SIMULATED_WORKERS must be a whole number, 0 (off) or more")
        .transform(Number)
        .pipe(z.number().max(200, "HITDESK_SIMULATED_WORKERS must be at most 200"))
        .optional(),
    ),
  })
  .superRefine((e, ctx) => {
    if (e.HITDESK_ADMIN_EMAIL && !e.HITDESK_ADMIN_PASSWORD) {
      ctx.addIssue({ code: "custom", path: ["HITDESK_ADMIN_PASSWORD"], message: "HITDESK_ADMIN_PASSWORD is required with HITDESK_ADMIN_EMAIL" });
    }
  })
  // Tests create sandbox HITs that simulated workers must leave alone unless a test asks for them.
  .transform((e) => ({ ...e, HITDESK_SIMULATED_WORKERS: e.HITDESK_SIMULATED_WORKERS ?? (e.HITDESK_TEST_MODE ? 0 : 20) }));

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "env"}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv(process.env);

export function appUrl(): string {
  return (env.HITDESK_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}
