"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/worker", label: "Find work", exact: true },
  { href: "/worker/work", label: "My work" },
  { href: "/worker/qualifications", label: "Qualifications" },
  { href: "/worker/messages", label: "Messages" },
];

export function WorkerNav() {
  const path = usePathname();
  return (
    <nav aria-label="Worker" className="flex items-center gap-1 text-sm">
      {LINKS.map((l) => {
        const active = l.exact ? path === l.href || path.startsWith("/worker/groups") || path.startsWith("/worker/tasks") : path.startsWith(l.href);
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-full px-3 py-1.5 font-medium ${active ? "bg-emerald-50 text-emerald-800" : "text-stone-600 hover:bg-stone-100 hover:text-stone-900"}`}
          >
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
