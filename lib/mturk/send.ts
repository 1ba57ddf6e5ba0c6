import "server-only";
import type { MTurkClient } from "@aws-sdk/client-mturk";
import type { Command } from "@smithy/smithy-client";
import { mturkClient } from "@/lib/mturk/client";
import { callerRetries } from "@/lib/mturk/retry-layer";
import { toMturkError } from "@/lib/mturk/errors";
import type { EnvironmentName } from "@/lib/scope";

// `any` (allowed for this file in eslint.config.mjs): any command of the client, its output inferred from it.
type MturkCommand = Command<any, any, any, any, any>;
type Output<C> = C extends Command<any, infer O, any, any, any> ? O : never;

/**
 * Every MTurk call of the dashboard goes through here: the team's client for the environment
 * (the SDK retries throttling and service faults with adaptive backoff, unless the caller
 * retries: inside a job item) and errors mapped to MturkError with a message a requester can act on.
 */
export async function sendMturk<C extends MturkCommand>(teamId: string, environment: EnvironmentName, command: C): Promise<Output<C>> {
  return sendWith(await mturkClient(teamId, environment, { retries: callerRetries() ? "caller" : "sdk" }), command);
}

/** Sends with a given client, errors mapped to MturkError. */
export async function sendWith<C extends MturkCommand>(client: MTurkClient, command: C): Promise<Output<C>> {
  try {
    return await client.send(command);
  } catch (e) {
    throw toMturkError(e);
  }
}
