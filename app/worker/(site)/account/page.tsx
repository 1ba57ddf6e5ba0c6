import { signOutEverywhereAction } from "@/app/worker/actions";
import { WorkButton } from "@/app/worker/_components/ui";
import { requireWorker } from "@/lib/marketplace/worker-site/session";
import { ChangePasswordForm } from "./change-password-form";

export const metadata = { title: "Your account" };

export default async function WorkerAccountPage() {
  const worker = await requireWorker("/worker/account");
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Your account</h1>
        <p className="mt-1 text-sm text-stone-500">
          {worker.email} · Worker ID <span className="font-mono">{worker.workerId}</span>
        </p>
      </div>
      <section className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-stone-200">
        <h2 className="font-semibold">Password</h2>
        <p className="mt-1 mb-4 text-sm text-stone-500">At least 10 characters, and not a common password. Changing it signs you out on every other browser.</p>
        <ChangePasswordForm email={worker.email} />
      </section>
      <section className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-stone-200">
        <h2 className="font-semibold">Sessions</h2>
        <p className="mt-1 mb-4 text-sm text-stone-500">Signed in on a shared computer, or lost a device? End every session of your account, including this one.</p>
        <form action={signOutEverywhereAction}>
          <WorkButton type="submit" tone="danger">
            Sign out everywhere
          </WorkButton>
        </form>
      </section>
    </div>
  );
}
