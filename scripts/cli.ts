/**
 * `npm run cli -- <command>`: administration without a browser. Works while HITdesk runs:
 * with the embedded database it connects through the running server's port (PGlite allows
 * one process per folder); otherwise it opens the database itself.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ROLES, type Role } from "@/lib/auth/roles";
import { EmailSchema, PasswordInput } from "@/lib/auth/schemas";
import type { OpenDatabase } from "@/lib/db/open-database";
import { WorkforceSettingsPatch } from "@/lib/marketplace/admin-inputs";
import { builtinEndpointPath, MTURK_REGION } from "@/lib/mturk/endpoints";
import { ENVIRONMENTS, type EnvironmentName } from "@/lib/scope";

// Modules that read the configuration load here, so a bad setting reads as a message.
const { appUrl, env } = await import("@/lib/env").catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
const { db } = await import("@/lib/db");
const { openDatabase } = await import("@/lib/db/open-database");
const { commandLineKeyPair } = await import("@/lib/marketplace/admin");
const { provisionRequester } = await import("@/lib/marketplace/requesters");
const { assertSandbox, updateWorkforceSettings } = await import("@/lib/marketplace/simulation/workforce-settings");
const { createTeam } = await import("@/lib/teams/create-team");
const { createUser } = await import("@/lib/users/create-user");
const { issuePasswordReset, RESET_TTL_MINUTES } = await import("@/lib/auth/issue-password-reset");

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                                   apply pending database migrations
  create-user --email E --password P [--name N] [--team SLUG --role ROLE]
                                            create a login (optionally add it to a team)
  create-team --name N --owner EMAIL       create a team owned by an existing user
  reset-password --email E                  print a one-time link (valid 1 hour) that sets a new
                                            password for the login; using it signs it out everywhere
  keys --env sandbox|production [--team SLUG]
                                            print the environment's endpoint and the team's
                                            command-line API key (it works at both endpoints)
                                            as shell lines (eval "$(npm run -s cli -- keys ...)")
  workforce --env sandbox [--workers N|off] [--pause|--resume] [--pace MS] [--seed N] [--team SLUG]
                                            set the built-in sandbox's simulated workforce
                                            (0..200 workers) and print its settings`;

class UsageError extends Error {}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`--${flag} is required`);
  return value;
}

async function findTeam(slug: string | undefined) {
  if (slug) {
    const team = await db.team.findUnique({ where: { slug } });
    if (!team) throw new UsageError(`No team with slug "${slug}"`);
    return team;
  }
  const teams = await db.team.findMany({ take: 2, orderBy: { createdAt: "asc" } });
  if (teams.length === 0) throw new UsageError("There are no teams yet");
  if (teams.length > 1) {
    const all = await db.team.findMany({ select: { slug: true }, orderBy: { createdAt: "asc" } });
    throw new UsageError(`Several teams exist; choose one with --team (${all.map((t) => t.slug).join(", ")})`);
  }
  return teams[0]!;
}

async function run(command: string | undefined, argv: string[], database: OpenDatabase): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
      team: { type: "string" },
      role: { type: "string" },
      owner: { type: "string" },
      env: { type: "string" },
      workers: { type: "string" },
      pause: { type: "boolean" },
      resume: { type: "boolean" },
      pace: { type: "string" },
      seed: { type: "string" },
    },
    strict: true,
  });
  switch (command) {
    case "migrate": {
      const applied = database.appliedMigrations;
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
      return;
    }
    case "create-user": {
      const email = EmailSchema.safeParse(required(values.email, "email"));
      if (!email.success) throw new UsageError(`--email: ${email.error.issues[0]?.message}`);
      const password = PasswordInput.safeParse(required(values.password, "password"));
      if (!password.success) throw new UsageError(`--password: ${password.error.issues[0]?.message}`);
      if (values.role && !ROLES.includes(values.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}`);
      const team = values.team ? await findTeam(values.team) : undefined;
      const user = await createUser({ email: email.data, password: password.data, name: values.name ?? email.data.split("@")[0]! });
      if (team) {
        await db.membership.create({ data: { userId: user.id, teamId: team.id, role: (values.role as Role | undefined) ?? "viewer" } });
        await db.user.update({ where: { id: user.id }, data: { activeTeamId: team.id } });
      }
      console.log(`Created ${email.data}${team ? ` in ${team.slug} as ${values.role ?? "viewer"}` : ""}.`);
      return;
    }
    case "create-team": {
      const name = required(values.name, "name").trim();
      if (name.length < 2) throw new UsageError("--name must be at least 2 characters");
      const ownerEmail = EmailSchema.parse(required(values.owner, "owner"));
      const owner = await db.user.findUnique({ where: { email: ownerEmail } });
      if (!owner) throw new UsageError(`No user with email ${ownerEmail}; create it first with create-user`);
      const team = await createTeam({ name, ownerUserId: owner.id });
      console.log(`Created team ${team.slug} owned by ${ownerEmail}.`);
      return;
    }
    case "reset-password": {
      const email = EmailSchema.safeParse(required(values.email, "email"));
      if (!email.success) throw new UsageError(`--email: ${email.error.issues[0]?.message}`);
      const user = await db.user.findUnique({ where: { email: email.data }, select: { id: true } });
      if (!user) throw new UsageError(`No user with email ${email.data}`);
      const { url } = await issuePasswordReset(user.id);
      console.log(`One-time link to set a new password for ${email.data} (valid ${RESET_TTL_MINUTES} minutes, once):\n\n  ${url}\n`);
      return;
    }
    case "keys": {
      const environment = values.env as EnvironmentName;
      if (!ENVIRONMENTS.includes(environment)) throw new UsageError("--env must be sandbox or production");
      const team = await findTeam(values.team);
      await provisionRequester(team.id, environment, team.name);
      const keys = await commandLineKeyPair(team.id, environment);
      const endpoint = `${appUrl()}${builtinEndpointPath(environment)}`;
      // AWS_ENDPOINT_URL_MTURK points boto3, the AWS CLI and the JavaScript SDK here with no
      // code change; boto3 and the AWS CLI read AWS_DEFAULT_REGION, the JavaScript SDK AWS_REGION.
      for (const [name, value] of [
        ["HITDESK_MTURK_ENDPOINT", endpoint],
        ["AWS_ENDPOINT_URL_MTURK", endpoint],
        ["AWS_ACCESS_KEY_ID", keys.accessKeyId],
        ["AWS_SECRET_ACCESS_KEY", keys.secretAccessKey],
        ["AWS_DEFAULT_REGION", MTURK_REGION],
        ["AWS_REGION", MTURK_REGION],
      ]) {
        console.log(`export ${name}=${value}`);
      }
      const where = keys.environment ? `only at the ${keys.environment} endpoint` : "at the sandbox and production endpoints";
      console.error(`API key "${keys.name}" of team ${team.slug} (Settings → API keys), works ${where}.`);
      return;
    }
    case "workforce": {
      const environment = values.env as EnvironmentName;
      if (!ENVIRONMENTS.includes(environment)) throw new UsageError("--env must be sandbox or production");
      assertSandbox(environment);
      if (values.pause && values.resume) throw new UsageError("Choose one of --pause and --resume");
      const wholeNumber = (text: string | undefined) => (text === undefined ? undefined : /^\d+$/.test(text) ? Number(text) : NaN);
      const patch = WorkforceSettingsPatch.safeParse({
        workers: values.workers === "off" ? 0 : wholeNumber(values.workers),
        paused: values.pause ? true : values.resume ? false : undefined,
        paceMs: wholeNumber(values.pace),
        seed: wholeNumber(values.seed),
      });
      if (!patch.success) throw new UsageError(patch.error.issues.map((i) => `--${i.path[0] === "paceMs" ? "pace" : String(i.path[0])}: ${i.message}`).join("\n"));
      const team = await findTeam(values.team);
      const { requesterId } = await provisionRequester(team.id, environment, team.name);
      const s = await updateWorkforceSettings(requesterId, patch.data);
      const status = s.workers === 0 ? "off" : s.paused ? "paused" : "running";
      console.log(`Simulated workforce of ${team.slug} (sandbox): ${status}, ${s.workers} workers, one step every ${s.paceMs} ms, seed ${s.seed}.`);
      return;
    }
    default:
      throw new UsageError(command ? `Unknown command "${command}"` : "No command given");
  }
}

/** The slugs `--team` takes, when the database can be read (help must work without one too). */
async function printTeams(): Promise<void> {
  // Asking for help must not create an embedded database where none exists yet.
  if (!env.DATABASE_URL && !existsSync(path.resolve(env.HITDESK_DATA_DIR, "pglite"))) return;
  const database = await openDatabase().catch(() => undefined);
  if (!database) return;
  try {
    const teams = await db.team.findMany({ select: { slug: true, name: true }, orderBy: { createdAt: "asc" } });
    if (teams.length > 0) console.log(`\nTeams (--team SLUG):\n${teams.map((t) => `  ${t.slug.padEnd(40)}  ${t.name}`).join("\n")}`);
  } finally {
    await db.$disconnect();
    await database.close();
  }
}

async function main(): Promise<number> {
  const [command, ...argv] = process.argv.slice(2);
  if (!command || command === "help" || command === "--help") {
    console.log(USAGE);
    await printTeams();
    return command ? 0 : 2;
  }
  const database = await openDatabase();
  try {
    await run(command, argv, database);
    return 0;
  } finally {
    await db.$disconnect();
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
