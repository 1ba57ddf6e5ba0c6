import { db } from "@/lib/db";
import { notify } from "@/lib/notifications/notify";
import { findTemplate } from "@/lib/projects/templates";
import { expect, login, test } from "./support/fixtures";

test("a finished batch rings the bell without a reload; the panel links to it, and reading clears the count", async ({ page, team }) => {
  await login(page, team.users.owner);
  const bell = page.getByRole("button", { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName("Notifications, none unread");

  const projectId = await page.request
    .post("/api/projects", { data: { name: "Bell project", templateId: "sentiment", design: findTemplate("sentiment")!.design } })
    .then(async (r) => ((await r.json()) as { id: string }).id);
  const created = await page.request.post("/api/batches", { data: { projectId, name: "Bell batch", csv: "text\nThe soup was cold.\nLovely staff.\n" } });
  expect(created.status(), await created.text()).toBe(200);
  const { batchId } = (await created.json()) as { batchId: string };

  // The job runner finishes the batch on the server; the live stream tells this open page.
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread", { timeout: 30_000 });
  await expect(page.getByTestId("notification-count")).toHaveText("1");

  await bell.click();
  const panel = page.getByRole("dialog", { name: "Notifications" });
  await expect(panel).toBeVisible();
  const item = panel.getByRole("link", { name: /Batch “Bell batch” is live/ });
  await expect(item).toContainText("All 2 HITs were created.");
  await expect(item).toContainText("(unread)");
  await page.screenshot({ path: test.info().outputPath("notification-panel.png") });

  // Escape closes the panel and gives focus back to the bell.
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
  await expect(bell).toBeFocused();

  // By keyboard: open, follow the notification; it is read, and the page is the batch's.
  await page.keyboard.press("Enter");
  await expect(panel).toBeVisible();
  await panel.getByRole("link", { name: /Batch “Bell batch” is live/ }).click();
  await expect(page).toHaveURL(new RegExp(`/batches/${batchId}$`));
  await expect(bell).toHaveAccessibleName("Notifications, none unread");
  await expect(page.getByTestId("notification-count")).toHaveCount(0);

  // Two more arrive (written by another process, as a sync would): Mark all read clears them.
  const scope = { teamId: team.id, environment: "sandbox" as const };
  await notify(scope, [
    { type: "AutoApproveSoon", key: "e2e-window", title: "3 assignments approve on their own within 6 h", body: "Nobody has reviewed them yet.", href: "/review?dueWithinHours=6" },
    { type: "QualificationRequested", key: "e2e-request", title: "A1B2C3 requested “Fluent English”", body: "The request waits in the qualification's inbox.", href: "/qualifications" },
  ]);
  await expect(bell).toHaveAccessibleName("Notifications, 2 unread");
  await bell.click();
  await expect(panel.getByRole("link", { name: /approve on their own within 6 h/ })).toHaveAttribute("href", "/review?dueWithinHours=6");
  await panel.getByRole("button", { name: "Mark all read" }).click();
  await expect(bell).toHaveAccessibleName("Notifications, none unread");
  await expect(panel.getByRole("button", { name: "Mark all read" })).toBeDisabled();
  await expect.poll(() => db.notification.count({ where: { ...scope, userId: team.users.owner.id, readAt: null } })).toBe(0);

  // The panel's settings link.
  await panel.getByRole("link", { name: "Notification settings" }).click();
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
});

test("a member chooses notifications in Settings; a viewer is offered only what viewers receive", async ({ page, team }) => {
  await login(page, team.users.owner);
  await page.goto("/settings");
  await page.getByRole("link", { name: /Choose your notifications/ }).click();
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  // The e2e server has no SMTP_URL: e-mail is explained and cannot be chosen.
  await expect(page.getByText(/E-mail is off on this server/)).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "A batch is live: by e-mail" })).toBeDisabled();
  await expect(page.getByRole("checkbox", { name: "Production balance is low: in the app" })).toBeChecked();
  await page.screenshot({ path: test.info().outputPath("notification-settings.png"), fullPage: true });

  await page.getByRole("checkbox", { name: "A batch is live: in the app" }).uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "A batch is live: in the app" })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "A batch failed: in the app" })).toBeChecked();

  // The choice holds: a batch going live is not in this member's bell, but is in the viewer's.
  const scope = { teamId: team.id, environment: "sandbox" as const };
  await notify(scope, [{ type: "BatchFinished", key: "e2e-settings", title: "Batch “Quiet” is live", body: "All 1 HIT were created.", href: "/" }]);
  const [owners, viewers] = await Promise.all([team.users.owner, team.users.viewer].map((u) => db.notification.count({ where: { ...scope, userId: u.id, eventKey: "e2e-settings" } })));
  expect([owners, viewers]).toEqual([0, 1]);

  await page.context().clearCookies();
  await login(page, team.users.viewer);
  await expect(page.getByRole("button", { name: "Notifications, 1 unread" })).toBeVisible();
  await page.goto("/settings/notifications");
  await expect(page.getByRole("checkbox", { name: "A batch is live: in the app" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Production balance is low: in the app" })).toHaveCount(0);
});
