import Link from "next/link";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/worker/actions";
import { WorkerNav } from "@/app/worker/_components/worker-nav";
import { WorkerLogo } from "@/app/worker/_components/worker-logo";
import { currentWorker } from "@/lib/marketplace/worker-site/session";

// Pages call requireWorker() themselves, so a signed-out visit comes back to the right page.
export default async function WorkerSiteShell({ children }: { children: ReactNode }) {
  const worker = await currentWorker();
  return (
    <>
      <header className="sticky top-0 z-20 border-b border-stone-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-16 max-w-6xl items-center gap-6 px-4">
          <Link href="/worker" title="Home">
            <WorkerLogo />
          </Link>
          {worker && <WorkerNav />}
          {worker && (
            <div className="ml-auto flex items-center gap-3 text-sm">
              <span className="hidden text-right leading-tight sm:block">
                <span className="block font-medium text-stone-800">{worker.displayName}</span>
                <span className="block font-mono text-xs text-stone-500" title="Your Worker ID">
                  {worker.workerId}
                </span>
              </span>
              <Link href="/worker/account" className="rounded-full px-3 py-1.5 text-stone-600 hover:bg-stone-100 hover:text-stone-900">
                Account
              </Link>
              <form action={signOutAction}>
                <button className="rounded-full px-3 py-1.5 text-stone-600 hover:bg-stone-100 hover:text-stone-900">Sign out</button>
              </form>
            </div>
          )}
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
