import type { ReactNode } from "react";
import { WorkerLogo } from "@/app/worker/_components/worker-logo";

export default function WorkerPublicLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-emerald-50 via-stone-50 to-stone-100 px-4 py-12">
      <div className="mb-8">
        <WorkerLogo />
      </div>
      <div className="w-full max-w-md rounded-3xl bg-white p-8 shadow-sm ring-1 ring-stone-200">{children}</div>
      <p className="mt-6 max-w-md text-center text-xs text-stone-500">HITdesk Work is where teams&apos; own people do their tasks. Requesters sign in to their dashboard instead.</p>
    </main>
  );
}
