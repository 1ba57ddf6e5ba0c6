import "server-only";
import type { MTurkClient } from "@aws-sdk/client-mturk";
import type { Command } from "@smithy/smithy-client";
import type { EnvironmentName } from "@/lib/auth/roles";
import { mturkClient } from "@/lib/mturk/client";
import { toMturkError } from "@/lib/mturk/errors";

type MturkCommand = Parameters<MTurkClient["send"]>[0];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Output<C> = C extends Command<any, infer O, any, any, any> ? O : never;

/**
 * Every MTurk call of the dashboard goes through here: the team's client for the environment
 * (the SDK retries throttling and service faults with adaptive backoff) and errors mapped to
 * MturkError with a message a requester can act on.
 */
export async function sendMturk<C extends MturkCommand>(teamId: string, environment: EnvironmentName, command: C): Promise<Output<C>> {
  const client = await mturkClient(teamId, environment);
  try {
    return (await client.send(command as never)) as Output<C>;
  } catch (e) {
    throw toMturkError(e);
  }
}
