import Link from "next/link";
import { AuthShell } from "@/components/auth-shell";
import { Alert } from "@/components/ui/alert";

/** A one-time link (setup, invitation) that cannot be used, with the way forward. */
export function LinkProblem({ title, message }: { title: string; message: string }) {
  return (
    <AuthShell title={title}>
      <Alert tone="error">{message}</Alert>
      <p className="mt-4 text-sm">
        <Link href="/login" className="font-medium text-brand-600 hover:underline">
          Go to sign in
        </Link>
      </p>
    </AuthShell>
  );
}
