import { expect, type Page } from "@playwright/test";
import { db } from "@/lib/db";
import { PASSWORD, uniqueEmail } from "./seed";

/**
 * Signs a new person up on the worker site through its pages (from a team's invitation link
 * when given), in `page`'s context, and returns their email and Worker ID.
 */
export async function signUpWorker(page: Page, options: { inviteUrl?: string; name: string }): Promise<{ email: string; workerId: string }> {
  const email = uniqueEmail("worker");
  if (options.inviteUrl) {
    await page.goto(options.inviteUrl);
    await page.getByRole("link", { name: "Create a worker account" }).click();
  } else {
    await page.goto("/worker/sign-up");
  }
  await page.getByLabel("Your name").fill(options.name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Find work" })).toBeVisible();
  const account = await db.mkWorkerAccount.findUniqueOrThrow({ where: { email } });
  const worker = await db.mkWorker.findUniqueOrThrow({ where: { accountRef: account.id } });
  return { email, workerId: worker.id };
}
