import { SignUpForm } from "@/app/worker/(public)/auth-forms";
import { Notice } from "@/app/worker/_components/ui";
import { env } from "@/lib/env";
import { findUsableInvite } from "@/lib/marketplace/worker-site/workforce";

export const metadata = { title: "Create a worker account" };

export default async function WorkerSignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const { invite } = await searchParams;
  const usable = invite ? await findUsableInvite(invite) : null;
  const open = env.HITDESK_WORKER_SIGNUP === "open";
  return (
    <>
      <h1 className="text-xl font-semibold">Create a worker account</h1>
      <p className="mt-1 mb-6 text-sm text-stone-500">
        {usable ? (
          <>
            You were invited to work for <strong className="text-stone-800">{usable.requesterName}</strong>.
          </>
        ) : (
          "You get a Worker ID and can start on the HITs open to you."
        )}
      </p>
      {invite && !usable && (
        <div className="mb-4">
          <Notice tone="error">This invitation link is invalid, used up or expired. Ask the team for a new one.</Notice>
        </div>
      )}
      {!open && !usable ? <Notice tone="info">Sign-up needs an invitation link from a team. Ask the team you work with for one.</Notice> : <SignUpForm invite={usable ? invite : undefined} />}
    </>
  );
}
