import type { Metadata } from "next";
import Link from "next/link";
import { AuthShell } from "@/components/auth-shell";
import { mailConfigured } from "@/lib/mail";
import { ForgotForm } from "./forgot-form";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <AuthShell title="Forgot your password?" subtitle={mailConfigured() ? "We'll e-mail you a link to set a new one." : undefined}>
      {mailConfigured() ? (
        <ForgotForm />
      ) : (
        <div className="space-y-3 text-sm text-slate-600">
          <p>This HITdesk does not send e-mail, so it cannot send you a link.</p>
          <p>
            Ask an <strong className="text-slate-800">owner of your team</strong>: they can create a one-time link for you under Settings → Members.
          </p>
          <p>
            Whoever runs the server can also print one: <code className="rounded bg-slate-100 px-1 py-0.5 text-xs">npm run cli -- reset-password --email you@example.com</code>
          </p>
        </div>
      )}
      <p className="mt-6 text-sm">
        <Link href="/login" className="font-medium text-brand-600 hover:underline">
          Back to sign in
        </Link>
      </p>
    </AuthShell>
  );
}
