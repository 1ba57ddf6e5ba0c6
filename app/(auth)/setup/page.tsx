import type { Metadata } from "next";
import Link from "next/link";
import { AuthShell } from "@/components/auth-shell";
import { Alert } from "@/components/ui/alert";
import { setupTokenIsValid } from "@/lib/setup/first-run";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up" };

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  if (!token || !(await setupTokenIsValid(token))) {
    return (
      <AuthShell title="This setup link does not work">
        <Alert tone="error">It has expired, was already used, or HITdesk already has users. Restart HITdesk to print a new link if nobody has signed up yet.</Alert>
        <p className="mt-4 text-sm">
          <Link className="font-medium text-brand-600 hover:underline" href="/login">
            Go to sign in
          </Link>
        </p>
      </AuthShell>
    );
  }
  return (
    <AuthShell title="Welcome to HITdesk" subtitle="Create the first owner account and your team. This link works once.">
      <SetupForm token={token} />
    </AuthShell>
  );
}
