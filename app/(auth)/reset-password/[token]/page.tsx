import type { Metadata } from "next";
import { AuthShell } from "@/components/auth-shell";
import { LinkProblem } from "@/components/link-problem";
import { findPasswordReset, RESET_PROBLEMS } from "@/lib/auth/reset-password";
import { ResetForm } from "./reset-form";

export const metadata: Metadata = { title: "Set a new password" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = await findPasswordReset(token);
  if (reset.status !== "valid") return <LinkProblem title="Password reset" message={RESET_PROBLEMS[reset.status]} />;
  return (
    <AuthShell title="Set a new password" subtitle={<>For {reset.email}. This signs you out on every browser; then sign in with the new password.</>}>
      <ResetForm token={token} email={reset.email!} />
    </AuthShell>
  );
}
