import type { EnvironmentName } from "@/lib/scope";

/** AWS MTurk's endpoints; both sign with region us-east-1. */
export const AWS_MTURK_ENDPOINTS: Record<EnvironmentName, string> = {
  sandbox: "https://mturk-requester-sandbox.us-east-1.amazonaws.com",
  production: "https://mturk-requester.us-east-1.amazonaws.com",
};

export const MTURK_REGION = "us-east-1";

/** Path of the built-in marketplace's endpoint under the app URL. */
export function builtinEndpointPath(environment: EnvironmentName): string {
  return `/api/mturk/${environment}`;
}
