import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth-shell";
import { Alert } from "@/components/ui/alert";
import { oauthProviderList, signIn } from "@/lib/auth/auth";
import { currentUser } from "@/lib/auth/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  "password-reset": "Your password was changed and every session of yours ended. Sign in with the new password.",
  "signed-out-everywhere": "You were signed out on every browser.",
};

const ERRORS: Record<string, string> = {
  NoAccount: "There is no HITdesk login for that account. Ask an owner of your team for an invitation.",
  AccessDenied: "There is no HITdesk login for that account. Ask an owner of your team for an invitation.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string; notice?: string }> }) {
  const { next, error, notice } = await searchParams;
  if (await currentUser()) redirect(next?.startsWith("/") && !next.startsWith("//") ? next : "/");
  const providers = oauthProviderList();
  return (
    <AuthShell title="Sign in to HITdesk" subtitle="Your team's crowd work, in one place.">
      {error && ERRORS[error] && (
        <div className="mb-4">
          <Alert tone="error">{ERRORS[error]}</Alert>
        </div>
      )}
      {notice && NOTICES[notice] && (
        <div className="mb-4">
          <Alert tone="success">{NOTICES[notice]}</Alert>
        </div>
      )}
      <LoginForm next={next} />
      <p className="mt-4 text-center text-sm">
        <Link href="/forgot-password" className="font-medium text-brand-600 hover:underline">
          Forgot your password?
        </Link>
      </p>
      {providers.length > 0 && (
        <div className="mt-6 space-y-2 border-t border-slate-100 pt-6">
          {providers.map((p) => (
            <form
              key={p.id}
              action={async () => {
                "use server";
                await signIn(p.id, { redirectTo: "/" });
              }}
            >
              <button className="w-full rounded-md px-3.5 py-2 text-sm font-semibold ring-1 ring-slate-300 hover:bg-slate-50">Continue with {p.name}</button>
            </form>
          ))}
        </div>
      )}
    </AuthShell>
  );
}
