import "server-only";
import type { MTurkClient } from "@aws-sdk/client-mturk";
import type { Command } from "@smithy/smithy-client";
import type { EnvironmentName } from "@/lib/auth/roles";
import { mturkClient } from "@/lib/mturk/client";
import { toMturkError } from "@/lib/mturk/errors";

/* eslint-disable @typescript-eslint/no-explicit-any -- any command of the client, typed by inference */
type MturkCommand = Command<any, any, any, any, any>;
type Output<C> = C extends Command<any, infer O, any, any, any> ? O : never;
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * Every MTurk call of the dashboard goes through here: the team's client for the environment
 * (the SDK retries throttling and service faults with adaptive backoff) and errors mapped to
 * MturkError with a message a requester can act on.
 */
export async function sendMturk<C extends MturkCommand>(teamId: string, environment: EnvironmentName, command: C): Promise<Output<C>> {
  return sendWith(await mturkClient(teamId, environment), command);
}

/** Sends with a given client, errors mapped to MturkError. */
export async function sendWith<C extends MturkCommand>(client: MTurkClient, command: C): Promise<Output<C>> {
  try {
    return (await client.send(command as never)) as Output<C>;
  } catch (e) {
    throw toMturkError(e);
  }
}
