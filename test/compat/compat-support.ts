import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createApiKey } from "@/lib/marketplace/admin";
import { serveMarketplace } from "@/lib/marketplace/node-server";
import { provisionRequester } from "@/lib/marketplace/requesters";
import { acceptHit } from "@/lib/marketplace/work/accept-hit";
import { submitAssignment } from "@/lib/marketplace/work/submit-assignment";
import { createWorker } from "@/lib/marketplace/work/workers";
import { buildQuestionFormAnswers } from "@/lib/mturk-formats/answers";

/**
 * What the compatibility tests share: the built-in marketplace over real HTTP, a lab (a team's
 * accounts in both environments) with one API key as a study server holds it, workers who do
 * the HITs a tool created, and a way to run the tool's calls as a separate process.
 */
export interface CompatLab {
  /** The marketplace's base URL; endpoints are `${base}/api/mturk/sandbox|production`. */
  base: string;
  keys: { accessKeyId: string; secretAccessKey: string };
  sandboxRequesterId: string;
  close(): Promise<void>;
}

export async function startCompatLab(): Promise<CompatLab> {
  const { server, port } = await serveMarketplace();
  const owner = `compat-${randomBytes(6).toString("hex")}`;
  const sandbox = await provisionRequester(owner, "sandbox", "Compat lab");
  await provisionRequester(owner, "production", "Compat lab");
  const { key, secretAccessKey } = await createApiKey(owner, { name: "Study server", environment: null });
  return {
    base: `http://127.0.0.1:${port}`,
    keys: { accessKeyId: key.accessKeyId, secretAccessKey },
    sandboxRequesterId: sandbox.requesterId,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A new worker accepts the HIT and submits; returns what a tool later sees of it. */
export async function doWork(hitId: string): Promise<{ assignmentId: string; workerId: string }> {
  const workerId = (await createWorker({ displayName: "Compat worker" })).id;
  const assignment = await acceptHit({ workerId, hitId });
  await submitAssignment({ assignmentId: assignment.id, workerId, answerXml: buildQuestionFormAnswers([{ questionIdentifier: "answer", value: { freeText: "done" } }]) });
  return { assignmentId: assignment.id, workerId };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program asynchronously (the marketplace answers from this very process), with only the given environment. */
export function run(command: string, args: string[], env: Record<string, string>, timeout = 120_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { env: { NODE_ENV: "test", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env }, timeout, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Runs one of this folder's Python scripts and parses the JSON line it ends with. */
export async function runPython<T>(script: string, args: string[], env: Record<string, string>): Promise<T> {
  const out = await run("python3", [path.join("test", "compat", script), ...args], env);
  if (out.code !== 0) throw new Error(`${script} ${args.join(" ")} failed (${out.code}):\n${out.stderr}\n${out.stdout}`);
  return JSON.parse(out.stdout.trim().split("\n").at(-1)!) as T;
}
