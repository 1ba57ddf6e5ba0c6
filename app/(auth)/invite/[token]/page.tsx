import type { Metadata } from "next";
import Link from "next/link";
import { AuthShell } from "@/components/auth-shell";
import { LinkProblem } from "@/components/link-problem";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { Alert } from "@/components/ui/alert";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/auth/roles";
import { currentUser } from "@/lib/auth/session";
import { findInvite, wrongPersonMessage } from "@/lib/teams/invites";
import { JoinButton, NewUserForm } from "./accept-form";

export const metadata: Metadata = { title: "Invitation" };

const PROBLEMS = {
  unknown: "This invitation link is not valid. Check that you copied all of it.",
  expired: "This invitation has expired. Ask whoever invited you for a new one.",
  used: "This invitation was already used. Sign in instead.",
  revoked: "This invitation was withdrawn.",
} as const;

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findInvite(token);
  if (invite.status !== "valid") {
    return <LinkProblem title="Invitation" message={PROBLEMS[invite.status]} />;
  }
  const subtitle = (
    <>
      Join <strong className="text-slate-700">{invite.teamName}</strong> as {ROLE_LABELS[invite.role]}: {ROLE_DESCRIPTIONS[invite.role].toLowerCase()}.
    </>
  );
  const user = await currentUser();
  if (user && user.email !== invite.email) {
    // Someone else is signed in (a shared computer): nothing happens until the invitee is.
    return (
      <AuthShell title="You're invited" subtitle={subtitle}>
        <Alert tone="error">{wrongPersonMessage(invite.email, user.email)}</Alert>
        <div className="mt-4">
          <SignOutButton redirectTo={`/invite/${token}`} label={`Sign out and continue as ${invite.email}`} />
        </div>
      </AuthShell>
    );
  }
  if (invite.userExists) {
    return (
      <AuthShell title="You're invited" subtitle={subtitle}>
        {user ? (
          <JoinButton token={token} />
        ) : (
          <p className="text-sm text-slate-600">
            {invite.email} already has a HITdesk login.{" "}
            <Link href={`/login?next=/invite/${token}`} className="font-medium text-brand-600 hover:underline">
              Sign in as {invite.email}
            </Link>{" "}
            to accept.
          </p>
        )}
      </AuthShell>
    );
  }
  return (
    <AuthShell title="You're invited" subtitle={subtitle}>
      <NewUserForm token={token} email={invite.email} />
    </AuthShell>
  );
}
