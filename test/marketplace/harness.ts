import { randomBytes } from "node:crypto";
import { CreateHITCommand, MTurkClient, type CreateHITCommandInput, type HIT } from "@aws-sdk/client-mturk";
import { afterAll, beforeAll, expect } from "vitest";
import { setRequesterFaults, type Faults } from "@/lib/marketplace/faults";
import { serveMarketplace } from "@/lib/marketplace/node-server";
import { signedPost } from "./signed-post";
import { provisionRequester, type MarketplaceEnvironment } from "@/lib/marketplace/requesters";
import { acceptHit } from "@/lib/marketplace/work/accept-hit";
import { submitAssignment } from "@/lib/marketplace/work/submit-assignment";
import { createWorker, type NewWorker } from "@/lib/marketplace/work/workers";
import { buildQuestionFormAnswers } from "@/lib/mturk-formats/answers";

/**
 * The built-in marketplace over real HTTP, for the conformance tests: an in-process server
 * hands every request, exactly as received, to handleMturkRequest (everything but Next's
 * router), and the real @aws-sdk/client-mturk talks to it with a fresh requester's keys.
 */
let server: ReturnType<typeof serveMarketplace> | undefined;
const startServer = () => (server ??= serveMarketplace());

export interface Harness {
  client: MTurkClient;
  endpoint: string;
  requesterId: string;
  environment: MarketplaceEnvironment;
  accessKeyId: string;
  secretAccessKey: string;
  createWorker(options?: Partial<NewWorker>): Promise<string>;
  /** A HIT with sensible defaults (an HTMLQuestion, 1 assignment, $0.05), overridable. */
  createHit(overrides?: Partial<CreateHITCommandInput>): Promise<HIT>;
  /** A worker accepts the HIT and submits these answers (QuestionFormAnswers XML); returns the assignment id. */
  acceptAndSubmit(hitId: string, workerId: string, answerXml?: string): Promise<string>;
  /** Moves this requester's clock forward through the API's test hook, and sweeps. */
  advanceClock(seconds: number): Promise<void>;
  /** A client of a second, unrelated requester in the same environment. */
  otherRequesterClient(): Promise<MTurkClient>;
  close(): Promise<void>;
}

export const HTML_QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<!DOCTYPE html><html><body><form name="mturk_form" method="post" action="https://www.mturk.com/mturk/externalSubmit"><input type="hidden" name="assignmentId"><input name="answer"><input type="submit"></form></body></html>]]></HTMLContent><FrameHeight>450</FrameHeight></HTMLQuestion>`;

async function requesterClient(endpoint: string, environment: MarketplaceEnvironment) {
  const keys = await provisionRequester(`test-${randomBytes(6).toString("hex")}`, environment, "Test requester");
  const client = new MTurkClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
    maxAttempts: 3,
  });
  return { keys, client };
}

export async function startHarness(options: { environment?: MarketplaceEnvironment; faults?: Faults } = {}): Promise<Harness> {
  const { port } = await startServer();
  const environment = options.environment ?? "sandbox";
  const endpoint = `http://127.0.0.1:${port}/api/mturk/${environment}`;
  const { keys, client } = await requesterClient(endpoint, environment);
  if (options.faults) await setRequesterFaults(keys.requesterId, options.faults);
  const others: MTurkClient[] = [];
  return {
    client,
    endpoint,
    requesterId: keys.requesterId,
    environment,
    accessKeyId: keys.accessKeyId,
    secretAccessKey: keys.secretAccessKey,
    async createWorker(opts = {}) {
      return (await createWorker({ displayName: "Test worker", ...opts })).id;
    },
    async createHit(overrides = {}) {
      const out = await client.send(
        new CreateHITCommand({
          Title: "Classify a sentence",
          Description: "Say whether the sentence is positive or negative",
          Reward: "0.05",
          LifetimeInSeconds: 3600,
          AssignmentDurationInSeconds: 600,
          AutoApprovalDelayInSeconds: 86400,
          MaxAssignments: 1,
          Question: HTML_QUESTION,
          ...overrides,
        }),
      );
      return out.HIT!;
    },
    async acceptAndSubmit(hitId, workerId, answerXml = buildQuestionFormAnswers([{ questionIdentifier: "answer", value: { freeText: "positive" } }])) {
      const assignment = await acceptHit({ workerId, hitId });
      await submitAssignment({ assignmentId: assignment.id, workerId, answerXml });
      return assignment.id;
    },
    async advanceClock(seconds) {
      const res = await signedPost({ url: endpoint, target: "HITDesk.AdvanceClock", body: JSON.stringify({ Seconds: seconds }), accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey });
      if (!res.ok) throw new Error(`AdvanceClock failed: ${res.status} ${await res.text()}`);
    },
    async otherRequesterClient() {
      const other = await requesterClient(endpoint, environment);
      others.push(other.client);
      return other.client;
    },
    close() {
      client.destroy();
      for (const o of others) o.destroy();
      return Promise.resolve();
    },
  };
}

/** A stand-in that forwards to whatever `current()` returns, so a file can name it before beforeAll runs. */
function forwarder<T extends object>(prototype: object, current: () => T): T {
  return new Proxy(Object.create(prototype) as T, {
    get(_target, prop) {
      const target = current();
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** One harness for a test file: started before its tests, closed after them. */
export function useHarness(options: Parameters<typeof startHarness>[0] = {}): { h: Harness; client: MTurkClient } {
  let current: Harness | undefined;
  beforeAll(async () => {
    current = await startHarness(options);
  });
  afterAll(() => current?.close());
  const live = () => {
    if (!current) throw new Error("The harness starts in beforeAll");
    return current;
  };
  // The client keeps MTurkClient's prototype: the SDK's paginators check instanceof.
  return { h: forwarder<Harness>(Object.prototype, live), client: forwarder<MTurkClient>(MTurkClient.prototype, () => live().client) };
}

/** Awaits an MTurk RequestError, optionally with this TurkErrorCode and a message matching. */
export async function expectRequestError(promise: Promise<unknown>, turkErrorCode?: string, message?: RegExp): Promise<Error & { TurkErrorCode?: string }> {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as (Error & { TurkErrorCode?: string; name: string }) | undefined;
  expect(error, "expected a RequestError, but the call succeeded").toBeDefined();
  expect(error!.name).toBe("RequestError");
  if (turkErrorCode) expect(error!.TurkErrorCode).toBe(turkErrorCode);
  if (message) expect(error!.message).toMatch(message);
  return error!;
}

/** Awaits the ValidationException AWS answers for input that breaks the service model, optionally with a message matching. */
export async function expectValidationError(promise: Promise<unknown>, message?: RegExp): Promise<Error & { $fault?: string }> {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as (Error & { $fault?: string; $metadata?: { httpStatusCode?: number; attempts?: number } }) | undefined;
  expect(error, "expected a ValidationException, but the call succeeded").toBeDefined();
  expect(error!.name).toBe("ValidationException");
  expect(error!.$fault).toBe("client");
  expect(error!.$metadata?.httpStatusCode).toBe(400);
  expect(error!.$metadata?.attempts, "a ValidationException must not be retried").toBe(1);
  if (message) expect(error!.message).toMatch(message);
  return error!;
}
