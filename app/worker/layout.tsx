import type { Metadata } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = { title: { default: "HITdesk Work", template: "%s · HITdesk Work" } };

// The worker site has its own look: workers are not team members and never see the dashboard.
export default function WorkerSiteLayout({ children }: { children: ReactNode }) {
  return <div className="min-h-screen bg-stone-50 text-stone-900">{children}</div>;
}
