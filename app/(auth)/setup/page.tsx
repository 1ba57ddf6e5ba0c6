import type { Metadata } from "next";
import { AuthShell } from "@/components/auth-shell";
import { LinkProblem } from "@/components/link-problem";
import { setupTokenIsValid } from "@/lib/setup/first-run";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up" };

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  if (!token || !(await setupTokenIsValid(token))) {
    return (
      <LinkProblem title="This setup link does not work" message="It has expired, was already used, or HITdesk already has users. Restart HITdesk to print a new link if nobody has signed up yet." />
    );
  }
  return (
    <AuthShell title="Welcome to HITdesk" subtitle="Create the first owner account and your team. This link works once.">
      <SetupForm token={token} />
    </AuthShell>
  );
}
