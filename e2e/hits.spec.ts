import type { Page, Request } from "@playwright/test";
import { db } from "@/lib/db";
import { expect, login, test } from "./support/fixtures";
import { seedHits } from "./support/hits-seed";

/**
 * `count` HITs straight into the team's cache (as a sync of a large account leaves it), titled
 * "Paged HIT 00001"...; created in bursts of 7 in the same second, as batches create them, so
 * pages break inside runs of equal sort keys.
 */
async function cacheHits(teamId: string, count: number): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "CachedHit" ("teamId", "environment", "hitId", "hitTypeId", "title", "description", "rewardCents", "maxAssignments", "status", "reviewStatus",
      "assignmentsPending", "assignmentsAvailable", "assignmentsCompleted", "createdAt", "expiresAt", "syncedAt")
    SELECT ${teamId}, 'sandbox', 'HP' || upper(md5(${teamId} || g)), 'T1', 'Paged HIT ' || lpad(g::text, 5, '0'), 'Seeded', 10, 1, 'Assignable', 'NotReviewed',
      0, 1, 0, timestamp '2026-01-01' + (g / 7) * interval '1 second', timestamp '2027-01-01', now()
    FROM generate_series(1, ${count}) g`;
}

const titlesOnPage = (page: Page) => page.getByRole("link", { name: /^Paged HIT \d+$/ }).allTextContents();

/** The HITs page through the browser: the list from the cache, a bulk job with progress, and roles. */
test("the HIT list filters and paginates, and a bulk expire runs as a job with progress", async ({ page, team, baseURL }) => {
  test.setTimeout(120_000);
  const titles = [...Array.from({ length: 50 }, (_, i) => `Transcribe receipt ${String(i + 1).padStart(2, "0")}`), "Rate sentiment of a review", "Rate sentiment of a tweet"];
  await seedHits(team, baseURL!, titles, "legacy-script run 7");
  await login(page, team.users.admin);
  await page.goto("/hits");

  await expect(page.getByText("1–50 of 52 HITs")).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(51);
  await page.getByRole("link", { name: "Next" }).click();
  await expect(page.getByText("51–52 of 52 HITs")).toBeVisible();

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
  await expect(job).toContainText("Expire now");
  await expect(job.getByRole("status")).toHaveText("All 2 HITs done");
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

test("paging through the HITs: next and previous keep the order, no HIT twice or missed, first and last pages", async ({ page, team }) => {
  await cacheHits(team.id, 130);
  await login(page, team.users.viewer);
  await page.goto("/hits?sort=created&dir=asc");
  const pager = page.getByRole("navigation", { name: "Pages" });

  await expect(pager.getByText("1–50 of 130 HITs")).toBeVisible();
  const walked = [await titlesOnPage(page)];
  for (const summary of ["51–100 of 130 HITs", "101–130 of 130 HITs"]) {
    await pager.getByRole("link", { name: "Next" }).click();
    await expect(pager.getByText(summary)).toBeVisible();
    walked.push(await titlesOnPage(page));
  }
  await expect(pager.getByRole("link", { name: "Next" })).toHaveCount(0);
  // The order the list promises: creation time, then HIT id among HITs created in the same second.
  const expected = (await db.cachedHit.findMany({ where: { teamId: team.id }, orderBy: [{ createdAt: "asc" }, { hitId: "asc" }], select: { title: true } })).map((h) => h.title);
  expect(expected).toHaveLength(130);
  expect(walked.flat()).toEqual(expected);

  await pager.getByRole("link", { name: "Previous" }).click();
  await expect(pager.getByText("51–100 of 130 HITs")).toBeVisible();
  expect(await titlesOnPage(page)).toEqual(walked[1]);
  await pager.getByRole("link", { name: "Previous" }).click();
  await expect(pager.getByText("1–50 of 130 HITs")).toBeVisible();
  expect(await titlesOnPage(page)).toEqual(walked[0]);
  await expect(pager.getByRole("link", { name: "Previous" })).toHaveCount(0);

  await pager.getByRole("link", { name: "Last" }).click();
  await expect(pager.getByText("81–130 of 130 HITs")).toBeVisible();
  expect(await titlesOnPage(page)).toEqual(expected.slice(80));
  await pager.getByRole("link", { name: "Previous" }).click();
  // Walking back from the last page ends on a full first page.
  await expect(pager.getByText("31–80 of 130 HITs")).toBeVisible();
  await pager.getByRole("link", { name: "First" }).click();
  await expect(pager.getByText("1–50 of 130 HITs")).toBeVisible();
  expect(await titlesOnPage(page)).toEqual(walked[0]);
});

test("past 10,000 HITs the list's total stays exact; filtered by title it stops at 10,000 and says so", async ({ page, team }) => {
  test.setTimeout(120_000);
  await cacheHits(team.id, 10_001);
  await login(page, team.users.admin);
  await page.goto("/hits");
  const pager = page.getByRole("navigation", { name: "Pages" });
  await expect(pager.getByText("1–50 of 10,001 HITs")).toBeVisible();
  await expect(page.getByLabel("All 10,001 matching the filter")).toBeVisible();
  await pager.getByRole("link", { name: "Next" }).click();
  await expect(pager.getByText("51–100 of 10,001 HITs")).toBeVisible();
  await pager.getByRole("link", { name: "Last" }).click();
  await expect(pager.getByText("9,952–10,001 of 10,001 HITs")).toBeVisible();
  await expect(page.getByRole("link", { name: "Paged HIT 00001" })).toBeVisible();

  await page.goto("/hits?title=Paged");
  await expect(pager.getByText("1–50 of 10,000+ HITs")).toBeVisible();
  await expect(page.getByLabel("All 10,000+ matching the filter")).toBeVisible();
  // The link knows where the next page starts, though the count stopped.
  await pager.getByRole("link", { name: "Next" }).click();
  await expect(pager.getByText("51–100 of 10,000+ HITs")).toBeVisible();
});

test("a view of the HITs prefetches no row link, and a menu link only when pointed at", async ({ page, team }) => {
  await cacheHits(team.id, 60);
  await login(page, team.users.viewer);
  // Requests of the router for a page's server components (prefetches and client navigations)
  // sent from /hits: the overview the sign-in landed on may still be prefetching its own links.
  const rsc: Request[] = [];
  page.on("request", (r) => {
    if (r.headers()["rsc"] === "1" && r.headers()["next-url"]?.startsWith("/hits")) rsc.push(r);
  });
  await page.goto("/hits");
  await expect(page.getByRole("link", { name: "Paged HIT 00060" })).toBeVisible();

  const paths = () => rsc.map((r) => new URL(r.url()).pathname);
  const reviewLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review" });
  // Pointing at a menu link prefetches it (again if the page was not yet interactive the first time).
  await expect(async () => {
    await page.mouse.move(0, 0);
    await reviewLink.hover();
    expect(paths()).toContain("/review");
  }).toPass();
  // A client navigation after the page settled: a prefetch of every link in view would have been sent by now.
  await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next" }).click();
  await expect(page.getByRole("navigation", { name: "Pages" }).getByText("51–60 of 60 HITs")).toBeVisible();

  const prefetched = paths();
  expect(
    prefetched.filter((p) => p.startsWith("/hits/")),
    "row links prefetched",
  ).toEqual([]);
  // Before intent-only prefetching, every menu link in view was prefetched as well (8 of them).
  expect([...new Set(prefetched.filter((p) => p !== "/hits"))], `prefetched: ${prefetched.join(", ")}`).toEqual(["/review"]);
});
