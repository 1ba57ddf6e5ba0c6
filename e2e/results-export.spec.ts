import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ListAssignmentsForHITCommand, MTurkClient } from "@aws-sdk/client-mturk";
import { parseCsv } from "@/lib/csv/parse-csv";
import { db } from "@/lib/db";
import { RESULT_COLUMNS } from "@/lib/hits/results-csv";
import { provisionRequester } from "@/lib/marketplace/requesters";
import { expect, login, test } from "./support/fixtures";
import { newProjectFromTemplate } from "./support/projects";

/**
 * Results come back as MTurk's batch CSV: simulated workers finish a small batch and the export,
 * taken at once from the batch page, already has their rows (it syncs the batch first). And the
 * QuestionForm builder: a form built in the editor, previewed live, saved and reopened.
 */

// Commas, doubled quotes, a newline inside a field, and UTF-8 beyond Latin-1.
const TEXTS = ['Café "crème", lovely staff', "東京のラーメン — slow\nbut worth it", "Naïve décor; 5 stars 😀"];
const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`;

test("a batch worked by simulated workers exports at once in MTurk's results layout, each row with its inputs", async ({ page, team, baseURL }) => {
  test.setTimeout(240_000);
  await login(page, team.users.admin);
  // Fast simulated workers: a step every 0.2 s; with 30 s allotted they submit within seconds.
  await page.goto("/settings");
  await page.getByLabel("Workers", { exact: true }).fill("12");
  await page.getByLabel("Pace (ms between steps)").fill("200");
  await page.getByRole("button", { name: "Save workforce" }).click();
  await expect(page.getByText("one step every 0.2 s")).toBeVisible();

  const projectId = await newProjectFromTemplate(page, "Sentiment");
  await page.getByLabel("Assignments per HIT").fill("1");
  await page.getByLabel("Time allotted (minutes)").fill("0.5");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved as version 2.")).toBeVisible();

  await page.goto(`/projects/${projectId}/batches/new`);
  const file = path.join(os.tmpdir(), `results-export-${Date.now()}.csv`);
  writeFileSync(file, `\uFEFFtext\r\n${TEXTS.map(csvCell).join("\r\n")}\r\n`);
  await page.getByLabel("CSV file").setInputFiles(file);
  await page.getByLabel("Batch name").fill("Export check");
  await page.getByRole("button", { name: "Publish 3 HITs" }).click();
  await expect(page.getByTestId("batch-progress").getByRole("status")).toHaveText("All 3 HITs created", { timeout: 30_000 });

  // Wait, through the marketplace API, until a worker has submitted each HIT.
  const batch = await db.batch.findFirstOrThrow({ where: { teamId: team.id, name: "Export check" } });
  const hits = await db.batchHit.findMany({ where: { batchId: batch.id }, orderBy: { rowIndex: "asc" } });
  expect(hits).toHaveLength(3);
  const client = new MTurkClient({ endpoint: `${baseURL}/api/mturk/sandbox`, region: "us-east-1", credentials: await provisionRequester(team.id, "sandbox", team.name) });
  const submitted = async () => {
    let n = 0;
    for (const h of hits) n += (await client.send(new ListAssignmentsForHITCommand({ HITId: h.hitId, AssignmentStatuses: ["Submitted", "Approved"] }))).NumResults ?? 0;
    return n;
  };
  await expect.poll(submitted, { timeout: 150_000, intervals: [2000] }).toBe(3);
  client.destroy();

  // Straight away, with no sync in between: the export brings the batch up to date itself.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download results (CSV)" }).click();
  const csv = readFileSync(await (await download).path(), "utf8");
  const table = parseCsv(csv);
  const header = table.header;
  expect(header.slice(0, RESULT_COLUMNS.length)).toEqual([...RESULT_COLUMNS]);
  expect(header.slice(0, 2)).toEqual(["HITId", "HITTypeId"]);
  expect(header[RESULT_COLUMNS.length]).toBe("Input.text");
  const answers = header.slice(RESULT_COLUMNS.length + 1, -2);
  expect(answers.length).toBeGreaterThan(0);
  expect(answers.every((c) => c.startsWith("Answer."))).toBe(true);
  expect(header.slice(-2)).toEqual(["Approve", "Reject"]);

  const rows = table.rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r.values[i]!])));
  expect(rows).toHaveLength(3);
  // Each HIT once, with the inputs of the CSV row it was created from.
  const rowOfHit = new Map(hits.map((h) => [h.hitId, h.rowIndex]));
  expect(new Set(rows.map((r) => r.HITId))).toEqual(new Set(rowOfHit.keys()));
  expect(rows.map((r) => r["Input.text"]).sort()).toEqual([...TEXTS].sort());
  rows.forEach((r) => {
    expect(r["Input.text"]).toBe(TEXTS[rowOfHit.get(r.HITId!)!]);
    expect(r.Title).toBe("What is the sentiment of this review?");
    expect(r.WorkerId).toMatch(/^A[A-Z0-9]{12,14}$/);
    expect(["Submitted", "Approved"]).toContain(r.AssignmentStatus);
    expect(r.AcceptTime).toMatch(/^\w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} P[SD]T \d{4}$/);
    expect(r.SubmitTime).toMatch(/^\w{3} \w{3} \d{2} \d{2}:\d{2}:\d{2} P[SD]T \d{4}$/);
    expect(r.AssignmentDurationInSeconds).toBe("30");
    expect(r.MaxAssignments).toBe("1");
    expect(answers.some((c) => r[c] !== "")).toBe(true);
    expect([r.Approve, r.Reject]).toEqual(["", ""]);
  });
});

test("a QuestionForm built in the editor is previewed live, saved, and reopens in the builder", async ({ page, team }) => {
  await login(page, team.users.admin);
  const projectId = await newProjectFromTemplate(page, "Sentiment");
  await page.getByRole("tab", { name: "QuestionForm" }).click();
  const builder = page.getByTestId("form-builder");
  await expect(builder).toBeVisible();

  await builder.getByLabel("Overview title").fill("Reviews of ${city} & friends");
  await builder.getByLabel("Overview text").fill("Read <carefully>, then answer.");
  const first = builder.getByTestId("form-question").nth(0);
  await first.getByLabel("Question 1", { exact: true }).fill("Is ${city} on the coast?");
  await first.getByLabel("Identifier", { exact: true }).fill("coastal");
  await first.getByLabel("Choice 1", { exact: true }).fill("Yes");
  await first.getByLabel("Choice 2", { exact: true }).fill("No");
  await builder.getByRole("button", { name: "Add question" }).click();
  const second = builder.getByTestId("form-question").nth(1);
  await second.getByLabel("Question 2", { exact: true }).fill("How many beaches (0–50)?");
  await second.getByLabel("Answer", { exact: true }).selectOption("number");
  await second.getByLabel("Identifier", { exact: true }).fill("beaches");
  await second.getByLabel("Minimum", { exact: true }).fill("0");
  await second.getByLabel("Maximum", { exact: true }).fill("50");
  await page.getByLabel("city", { exact: true }).fill("Lisbon");

  // The live preview renders the form natively, with the sample value filled in.
  const preview = page.frameLocator('iframe[title="Worker preview"]');
  await expect(preview.getByText("Reviews of Lisbon & friends")).toBeVisible();
  await expect(preview.getByText("Read <carefully>, then answer.")).toBeVisible();
  await expect(preview.getByText("Is Lisbon on the coast?")).toBeVisible();
  await expect(preview.getByText("How many beaches (0–50)?")).toBeVisible();
  await page.screenshot({ path: "test-results/question-form-builder.png", fullPage: true });

  // The raw XML it wrote, and back.
  await page.getByRole("tab", { name: "Raw XML" }).click();
  const xml = await page.getByLabel("QuestionForm XML").inputValue();
  expect(xml).toContain("<Title>Reviews of ${city} &amp; friends</Title>");
  expect(xml).toContain('<IsNumeric minValue="0" maxValue="50"/>');
  await page.getByRole("tab", { name: "Form builder" }).click();
  await expect(builder.getByLabel("Question 2", { exact: true })).toHaveValue("How many beaches (0–50)?");

  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Saved as version 2.")).toBeVisible();
  await page.goto(`/projects/${projectId}`);
  await expect(page.getByRole("tab", { name: "Form builder" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByTestId("form-question")).toHaveCount(2);
  await expect(page.getByLabel("Overview title")).toHaveValue("Reviews of ${city} & friends");
  await expect(page.getByTestId("form-question").nth(1).getByLabel("Maximum", { exact: true })).toHaveValue("50");

  // XML the builder cannot represent stays raw, and the editor says why.
  await page.getByRole("tab", { name: "Raw XML" }).click();
  const field = page.getByLabel("QuestionForm XML");
  await field.fill((await field.inputValue()).replace("<Text>Is ${city} on the coast?</Text>", "<FormattedContent><![CDATA[<b>Coast?</b>]]></FormattedContent>"));
  await page.getByRole("tab", { name: "Form builder" }).click();
  await expect(page.getByText('Question "coastal" has formatted content (XHTML), which the builder does not edit')).toBeVisible();
  await expect(page.getByLabel("QuestionForm XML")).toBeVisible();
});
