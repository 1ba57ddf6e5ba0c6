import { expect, login, test } from "./support/fixtures";
import { seedHits } from "./support/hits-seed";

/** The HITs page through the browser: the list from the cache, a bulk job with progress, and roles. */
test("the HIT list filters and paginates, and a bulk expire runs as a job with progress", async ({ page, team, baseURL }) => {
  test.setTimeout(120_000);
  const titles = [...Array.from({ length: 50 }, (_, i) => `Transcribe receipt ${String(i + 1).padStart(2, "0")}`), "Rate sentiment of a review", "Rate sentiment of a tweet"];
  await seedHits(team, baseURL!, titles, "legacy-script run 7");
  await login(page, team.users.admin);
  await page.goto("/hits");

  await expect(page.getByText("1–50 of 52 HITs · page 1 of 2")).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(51);
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page.getByText("51–52 of 52 HITs · page 2 of 2")).toBeVisible();

  await page.getByLabel("Title contains").fill("sentiment");
  await page.getByRole("button", { name: "Apply filter" }).click();
  await expect(page.getByText("1–2 of 2 HITs")).toBeVisible();
  await expect(page.getByRole("link", { name: "Rate sentiment of a tweet" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "legacy-script run 7" })).toHaveCount(2);
  await page.screenshot({ path: test.info().outputPath("hits-list.png"), fullPage: true });

  await page.getByLabel("All 2 matching the filter").check();
  await page.getByLabel("Action").selectOption({ label: "Expire now" });
  await page.getByRole("button", { name: "Expire now: 2 HITs" }).click();
  const job = page.getByTestId("hit-job").first();
  await expect(job).toContainText("Expire now · 2 of 2 done");
  await expect(job).toContainText("done");
  await expect(page.getByRole("progressbar", { name: "Expire now progress" }).first()).toHaveAttribute("aria-valuenow", "100");
  // The job refreshed the cache: both now wait for review.
  await expect(page.getByRole("row").filter({ hasText: "Reviewable" })).toHaveCount(2);

  await page.getByRole("link", { name: "Rate sentiment of a review" }).click();
  await expect(page.getByRole("heading", { name: "Rate sentiment of a review" })).toBeVisible();
  await expect(page.getByText("No worker has submitted this HIT yet.")).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("hit-detail.png"), fullPage: true });
});

test("a viewer sees the HITs but cannot act: the server refuses", async ({ page, team, baseURL }) => {
  const [hitId] = await seedHits(team, baseURL!, ["Viewer can look"]);
  await login(page, team.users.viewer);
  await page.goto("/hits");
  await expect(page.getByRole("link", { name: "Viewer can look" })).toBeVisible();
  await expect(page.getByLabel("Action")).toHaveCount(0);
  await expect(page.getByRole("checkbox")).toHaveCount(0);

  const bulk = await page.request.post("/api/hits/jobs", { data: { action: { kind: "expire" }, hitIds: [hitId] } });
  expect(bulk.status()).toBe(403);
  expect((await bulk.json()) as unknown).toMatchObject({ error: `This needs the admin role; you are viewer in ${team.name}` });
  expect((await page.request.post(`/api/hits/${hitId}/actions`, { data: { action: { kind: "delete" } } })).status()).toBe(403);
  const csv = await page.request.get("/api/hits/results?title=Viewer");
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split("\r\n")[0]).toMatch(/^"HITId","HITTypeId","Title",/);
});
