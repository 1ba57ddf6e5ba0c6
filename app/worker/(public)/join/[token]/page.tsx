import Link from "next/link";
import { JoinButton } from "@/app/worker/(public)/join/[token]/join-button";
import { Notice } from "@/app/worker/_components/ui";
import { currentWorker } from "@/lib/marketplace/worker-site/session";
import { findUsableInvite } from "@/lib/marketplace/worker-site/workforce";

export const metadata = { title: "Join a workforce" };

export default async function JoinWorkforcePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invite, worker] = await Promise.all([findUsableInvite(token), currentWorker()]);
  if (!invite) {
    return (
      <>
        <h1 className="text-xl font-semibold">Invitation not valid</h1>
        <div className="mt-4">
          <Notice tone="error">This invitation link is invalid, used up or expired. Ask the team for a new one.</Notice>
        </div>
      </>
    );
  }
  const q = encodeURIComponent(token);
  return (
    <>
      <h1 className="text-xl font-semibold">Work for {invite.requesterName}</h1>
      <p className="mt-1 mb-6 text-sm text-stone-500">{invite.environment === "production" ? "Paid HITs: you are paid for approved work." : "Sandbox: practice HITs, no real payments."}</p>
      {worker ? (
        <JoinButton token={token} name={worker.displayName} />
      ) : (
        <div className="space-y-3">
          <Link href={`/worker/sign-up?invite=${q}`} className="flex w-full justify-center rounded-full bg-emerald-700 px-4 py-2 text-sm font-semibold text-white hover:bg-emerald-800">
            Create a worker account
          </Link>
          <Link href={`/worker/sign-in?invite=${q}`} className="flex w-full justify-center rounded-full px-4 py-2 text-sm font-semibold text-stone-800 ring-1 ring-stone-300 hover:bg-stone-50">
            I already have one: sign in
          </Link>
        </div>
      )}
    </>
  );
}
