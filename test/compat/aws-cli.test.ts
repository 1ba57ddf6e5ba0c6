import { existsSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { doWork, run, startCompatLab, type CompatLab } from "./compat-support";

/**
 * Compatibility: the AWS CLI's `aws mturk` commands against HITdesk, with the keys in the
 * environment: the one first in PATH (aws-cli v1 from pip, or Debian's awscli package as
 * .ci/run installs it) and Debian's v2 at /usr/bin/aws when present. Listing pages with the
 * CLI's own --max-items/--starting-token over MTurk's NextToken, which must end cleanly.
 */
let lab: CompatLab;
let home: string;

beforeAll(async () => {
  lab = await startCompatLab();
  // A HOME of its own: no ~/.aws of the machine's user reaches the CLI.
  home = mkdtempSync(path.join(os.tmpdir(), "hitdesk-aws-cli-"));
});

afterAll(async () => {
  rmSync(home, { recursive: true, force: true });
  await lab.close();
});

const sandbox = () => `${lab.base}/api/mturk/sandbox`;

/** Every `aws` on this machine, by real path: the first in PATH, and Debian's v2 if it is another one. */
function clis(): string[] {
  const found: string[] = [];
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const candidate = path.join(dir, "aws");
    if (existsSync(candidate)) {
      found.push(candidate);
      break;
    }
  }
  if (existsSync("/usr/bin/aws") && !found.some((f) => realpathSync(f) === realpathSync("/usr/bin/aws"))) found.push("/usr/bin/aws");
  return found;
}

async function aws(cli: string, args: string[], env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const out = await run(
    cli,
    ["mturk", ...args, "--output", "json"],
    { HOME: home, AWS_ACCESS_KEY_ID: lab.keys.accessKeyId, AWS_SECRET_ACCESS_KEY: lab.keys.secretAccessKey, AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "", ...env },
    60_000,
  );
  if (out.code !== 0) throw new Error(`${cli} mturk ${args.join(" ")} failed (${out.code}): ${out.stderr}`);
  return out.stdout.trim() ? (JSON.parse(out.stdout) as Record<string, unknown>) : {};
}

const QUESTION = `<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd"><ExternalURL>https://study.example.org/cli</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>`;

describe("the AWS CLI", { timeout: 300_000 }, () => {
  it("finds at least one aws command", () => {
    expect(clis().length).toBeGreaterThan(0);
  });

  it("creates, lists page by page with --max-items and --starting-token, approves and reads the balance", async () => {
    const created: string[] = [];
    const [first] = clis();
    for (let i = 0; i < 5; i++) {
      const out = await aws(first!, [
        "create-hit",
        "--endpoint-url",
        sandbox(),
        "--title",
        `CLI HIT ${i}`,
        "--description",
        "Made with aws mturk create-hit",
        "--reward",
        "0.10",
        "--lifetime-in-seconds",
        "3600",
        "--assignment-duration-in-seconds",
        "300",
        "--question",
        QUESTION,
      ]);
      created.push((out.HIT as { HITId: string }).HITId);
    }

    for (const cli of clis()) {
      const version = (await run(cli, ["--version"], { HOME: home })).stdout + (await run(cli, ["--version"], { HOME: home })).stderr;
      // Two at a time: the CLI cuts MTurk's pages and hands back its own token, then ends with none.
      const listed: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const out = await aws(cli, ["list-hits", "--endpoint-url", sandbox(), "--max-items", "2", ...(token ? ["--starting-token", token] : [])]);
        listed.push(...(out.HITs as { HITId: string }[]).map((h) => h.HITId));
        token = out.NextToken as string | undefined;
        pages++;
        expect(pages, `${version}: no end to the pages`).toBeLessThan(10);
      } while (token);
      expect(listed, version).toEqual(created);
      expect(pages, version).toBe(3);
      // --page-size asks MTurk for small pages; the CLI follows every NextToken to the empty page.
      const all = await aws(cli, ["list-hits", "--endpoint-url", sandbox(), "--page-size", "2"]);
      expect(
        (all.HITs as { HITId: string }[]).map((h) => h.HITId),
        version,
      ).toEqual(created);
      expect(all.NextToken, version).toBeUndefined();
      expect(await aws(cli, ["get-account-balance", "--endpoint-url", sandbox()]), version).toEqual({ AvailableBalance: "10000.00", OnHoldBalance: "0.00" });
      expect((await aws(cli, ["get-account-balance", "--endpoint-url", `${lab.base}/api/mturk/production`])).AvailableBalance, version).toBe("0.00");
    }

    const work = await doWork(created[0]!);
    await aws(first!, ["approve-assignment", "--endpoint-url", sandbox(), "--assignment-id", work.assignmentId, "--requester-feedback", "Thank you"]);
    const got = await aws(first!, ["get-assignment", "--endpoint-url", sandbox(), "--assignment-id", work.assignmentId]);
    expect(got.Assignment).toMatchObject({ AssignmentId: work.assignmentId, AssignmentStatus: "Approved", RequesterFeedback: "Thank you" });
  });

  it("reads the endpoint from AWS_ENDPOINT_URL_MTURK, as the README's `eval` sets it up, in every CLI recent enough", async () => {
    let recent = 0;
    for (const cli of clis()) {
      const out = await run(cli, ["--version"], { HOME: home });
      const version = out.stdout + out.stderr;
      // Service-specific endpoint variables arrived in aws-cli 1.29 and 2.13 (Debian 12's awscli is 2.9: it needs --endpoint-url).
      const [major, minor] = (/aws-cli\/(\d+)\.(\d+)/.exec(version) ?? []).slice(1).map(Number);
      if (!(major === 1 ? minor! >= 29 : minor! >= 13)) continue;
      recent++;
      expect((await aws(cli, ["get-account-balance"], { AWS_ENDPOINT_URL_MTURK: sandbox() })).AvailableBalance, version).toBe("10000.00");
      expect((await aws(cli, ["list-hits", "--max-items", "1"], { AWS_ENDPOINT_URL_MTURK: sandbox() })).HITs, version).toHaveLength(1);
    }
    expect(recent, "no aws-cli here reads AWS_ENDPOINT_URL_MTURK (needs 1.29+ or 2.13+)").toBeGreaterThan(0);
  });
});
